import { CANONICAL_CATEGORIES } from './report/categories';

/**
 * What a ranking or a trend can measure. `proactive` is the proactive-disclosure total; a
 * `category:` metric is one canonical category's count; the others are template cells (the 总计
 * column of table 三, the 总计 of each group of table 四).
 */
export type MetricSource =
  | { kind: 'proactive' }
  | { kind: 'category'; category: string }
  | { kind: 'cell'; table: 'article20' | 'applications' | 'reviewLitigation'; row: string; column: string };

export interface MetricDef {
  key: string;
  label: string;
  unit: string;
  source: MetricSource;
}

const cell = (table: 'article20' | 'applications' | 'reviewLitigation', row: string, column: string): MetricSource => ({
  kind: 'cell',
  table,
  row,
  column,
});

export const METRICS: readonly MetricDef[] = [
  { key: 'proactive', label: '主动公开信息总数', unit: '条', source: { kind: 'proactive' } },
  ...CANONICAL_CATEGORIES.map((c) => ({
    key: `category:${c}`,
    label: `主动公开·${c}`,
    unit: '条',
    source: { kind: 'category', category: c } as MetricSource,
  })),
  { key: 'newReceived', label: '本年新收政府信息公开申请数量', unit: '件', source: cell('applications', 'newReceived', 'total') },
  { key: 'granted', label: '予以公开', unit: '件', source: cell('applications', 'granted', 'total') },
  { key: 'applicationsTotal', label: '办理结果总计', unit: '件', source: cell('applications', 'total', 'total') },
  { key: 'carriedToNext', label: '结转下年度继续办理', unit: '件', source: cell('applications', 'carriedToNext', 'total') },
  {
    key: 'normativeIssued',
    label: '行政规范性文件本年制发件数',
    unit: '件',
    source: cell('article20', 'normativeDocuments', 'issued'),
  },
  {
    key: 'normativeInForce',
    label: '行政规范性文件现行有效件数',
    unit: '件',
    source: cell('article20', 'normativeDocuments', 'inForce'),
  },
  { key: 'licensing', label: '行政许可本年处理决定数量', unit: '件', source: cell('article20', 'licensing', 'decisions') },
  { key: 'penalty', label: '行政处罚本年处理决定数量', unit: '件', source: cell('article20', 'penalty', 'decisions') },
  { key: 'compulsory', label: '行政强制本年处理决定数量', unit: '件', source: cell('article20', 'compulsory', 'decisions') },
  { key: 'fees', label: '行政事业性收费本年收费金额', unit: '万元', source: cell('article20', 'fees', 'amountWanYuan') },
  { key: 'review', label: '行政复议总计', unit: '件', source: cell('reviewLitigation', 'review', 'total') },
  {
    key: 'litigationDirect',
    label: '行政诉讼（未经复议直接起诉）总计',
    unit: '件',
    source: cell('reviewLitigation', 'litigationDirect', 'total'),
  },
  {
    key: 'litigationAfterReview',
    label: '行政诉讼（复议后起诉）总计',
    unit: '件',
    source: cell('reviewLitigation', 'litigationAfterReview', 'total'),
  },
];

export const METRIC_KEYS = METRICS.map((m) => m.key);

export function metricByKey(key: string): MetricDef | undefined {
  return METRICS.find((m) => m.key === key);
}
