import type { Rubric } from '../schemas/evaluation';

/** The checks that count as 未按要素撰写: a section, a table row or the proactive total missing. */
export const ELEMENT_CODES = ['sections.missing', 'table.rowMissing', 'proactive.missing'];
/** The template's own sums that do not add up (勾稽关系). */
export const IDENTITY_CODES = [
  'applications.identity',
  'applications.outcomeSum',
  'applications.columnSum',
  'reviewLitigation.total',
];

/**
 * The default scheme (扣分制), as county rubrics word it: a year's scheme starts from this and an
 * admin changes points, thresholds and items on the 考核 page.
 */
export const DEFAULT_RUBRIC: Rubric = {
  base: 100,
  items: [
    { id: 'missing', label: '未发布年度报告（缺报）', rule: 'missing', points: 100, perCase: false, enabled: true },
    { id: 'late', label: '年报未及时公开', rule: 'late', points: 5, perCase: false, enabled: true },
    { id: 'elements', label: '未按要素撰写', rule: 'findings', points: 5, perCase: false, codes: ELEMENT_CODES, enabled: true },
    { id: 'copied', label: '与往年或其他单位雷同', rule: 'copied', points: 5, perCase: false, threshold: 0.8, enabled: true },
    {
      id: 'dataErrors',
      label: '数据错误（表格勾稽关系不成立）',
      rule: 'findings',
      points: 2,
      perCase: false,
      codes: IDENTITY_CODES,
      enabled: true,
    },
    {
      id: 'prose',
      label: '正文与表格数据矛盾',
      rule: 'findings',
      points: 2,
      perCase: false,
      codes: ['prose.applicationsContradiction', 'prose.normativeDocumentsContradiction'],
      enabled: true,
    },
    {
      id: 'townshipRules',
      label: '乡镇（街道）填报规章',
      rule: 'findings',
      points: 2,
      perCase: false,
      codes: ['article20.townshipRules'],
      enabled: true,
    },
    {
      id: 'reviewCorrected',
      label: '行政复议、行政诉讼被纠错',
      rule: 'reviewCorrected',
      points: 3,
      perCase: true,
      enabled: true,
    },
  ],
};

/** What is wrong with a scheme an admin wrote (Chinese, for the page), or null when it can be used. */
export function rubricProblem(r: Rubric): string | null {
  const ids = new Set<string>();
  for (const item of r.items) {
    if (ids.has(item.id)) return `项目代码“${item.id}”重复`;
    ids.add(item.id);
    if (item.rule === 'findings' && (!item.codes || item.codes.length === 0)) return `“${item.label}”须列出计入的检查代码`;
    if (item.rule === 'copied' && item.threshold === undefined) return `“${item.label}”须设相似度阈值`;
  }
  return null;
}

/** The checks a 检查发现 item may count, with what each means (for choosing them on the 考核细则 tab). */
export const CHECK_LABELS: Record<string, string> = {
  'sections.missing': '缺少某一部分',
  'sections.order': '部分顺序不对',
  'sections.structure': '章节与模板不一致',
  'table.rowMissing': '表格缺少某一行',
  'table.groupOnly': '表三某组只填合计、未分列子项',
  'table.rowShort': '表格某行数字不全',
  'table.rowIncomplete': '表格某行无法读全',
  'proactive.missing': '未写明主动公开总数',
  'proactive.categorySum': '主动公开分类之和与总数不符',
  'applications.identity': '表三勾稽关系不成立',
  'applications.outcomeSum': '表三办理结果之和与总计不符',
  'applications.columnSum': '表三各类申请人之和与总计不符',
  'reviewLitigation.total': '表四各项之和与总计不符',
  'prose.applicationsContradiction': '正文称未收到申请，表三却有新收申请',
  'prose.normativeDocumentsContradiction': '正文与表二规范性文件件数不符',
  'article20.townshipRules': '乡镇（街道）填报规章',
  'template.mismatch': '模板版本与年度不符',
  'published.missing': '落款未写发布日期',
  'figure.null': '数字无法读取',
  'org.missing': '未写明单位名称',
  'year.missing': '未写明年度',
};
