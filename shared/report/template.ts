/**
 * The State Council's annual-report template, defined once as data.
 * 2021: 国办公开办函〔2021〕30号 (reports on 2021 and later); 2019: 国办公开办函〔2019〕60号.
 * `match` lists compact (whitespace-free, half-width) phrases that identify a row label in
 * real reports; the first listed phrase is tried first.
 */

export type { TemplateVersion } from '../schemas/report';

import type { TemplateVersion } from '../schemas/report';

export interface FieldDef {
  key: string;
  label: string;
}

export interface Article20Row {
  key: string;
  label: string;
  /** The 第二十条 item the row belongs to, as the template prints it. */
  item: string;
  match: readonly string[];
  fields: readonly FieldDef[];
}

export interface ApplicationRow {
  key: string;
  label: string;
  /** Heading of the outcome group the row sits in, when it has one. */
  group?: string;
  match: readonly string[];
}

export interface SectionDef {
  key: 'overview' | 'proactive' | 'applications' | 'reviewLitigation' | 'problems' | 'other';
  numeral: string;
  title: string;
  /** Compact phrase that identifies the heading. */
  match: string;
}

export const SECTIONS: readonly SectionDef[] = [
  { key: 'overview', numeral: '一', title: '总体情况', match: '总体情况' },
  { key: 'proactive', numeral: '二', title: '主动公开政府信息情况', match: '主动公开政府信息' },
  {
    key: 'applications',
    numeral: '三',
    title: '收到和处理政府信息公开申请情况',
    match: '收到和处理政府信息公开申请',
  },
  {
    key: 'reviewLitigation',
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    match: '行政复议',
  },
  { key: 'problems', numeral: '五', title: '存在的主要问题及改进情况', match: '存在的主要问题' },
  { key: 'other', numeral: '六', title: '其他需要报告的事项', match: '其他需要报告' },
];

export const APPLICANT_COLUMNS: readonly FieldDef[] = [
  { key: 'naturalPerson', label: '自然人' },
  { key: 'commercialEnterprise', label: '商业企业' },
  { key: 'researchInstitution', label: '科研机构' },
  { key: 'socialWelfareOrganization', label: '社会公益组织' },
  { key: 'legalServiceInstitution', label: '法律服务机构' },
  { key: 'otherApplicant', label: '其他' },
  { key: 'total', label: '总计' },
];

export const REVIEW_COLUMNS: readonly FieldDef[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'otherResult', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

export const REVIEW_GROUPS: readonly FieldDef[] = [
  { key: 'review', label: '行政复议' },
  { key: 'litigationDirect', label: '行政诉讼（未经复议直接起诉）' },
  { key: 'litigationAfterReview', label: '行政诉讼（复议后起诉）' },
];

const ISSUED_2021: readonly FieldDef[] = [
  { key: 'issued', label: '本年制发件数' },
  { key: 'abolished', label: '本年废止件数' },
  { key: 'inForce', label: '现行有效件数' },
];
const DECISIONS_2021: readonly FieldDef[] = [{ key: 'decisions', label: '本年处理决定数量' }];
const MADE_2019: readonly FieldDef[] = [
  { key: 'newlyMade', label: '本年新制作数量' },
  { key: 'newlyPublished', label: '本年新公开数量' },
  { key: 'totalPublished', label: '对外公开总数量' },
];
const ITEMS_2019: readonly FieldDef[] = [
  { key: 'previousYearItems', label: '上一年项目数量' },
  { key: 'change', label: '本年增/减' },
  { key: 'decisions', label: '处理决定数量' },
];

export const ARTICLE20_2021: readonly Article20Row[] = [
  { key: 'rules', label: '规章', item: '第二十条第（一）项', match: ['规章'], fields: ISSUED_2021 },
  {
    key: 'normativeDocuments',
    label: '行政规范性文件',
    item: '第二十条第（一）项',
    match: ['行政规范性文件', '规范性文件'],
    fields: ISSUED_2021,
  },
  { key: 'licensing', label: '行政许可', item: '第二十条第（五）项', match: ['行政许可'], fields: DECISIONS_2021 },
  { key: 'penalty', label: '行政处罚', item: '第二十条第（六）项', match: ['行政处罚'], fields: DECISIONS_2021 },
  { key: 'compulsory', label: '行政强制', item: '第二十条第（六）项', match: ['行政强制'], fields: DECISIONS_2021 },
  {
    key: 'fees',
    label: '行政事业性收费',
    item: '第二十条第（八）项',
    match: ['行政事业性收费', '事业性收费'],
    fields: [{ key: 'amountWanYuan', label: '本年收费金额（单位：万元）' }],
  },
];

export const ARTICLE20_2019: readonly Article20Row[] = [
  { key: 'rules', label: '规章', item: '第二十条第（一）项', match: ['规章'], fields: MADE_2019 },
  {
    key: 'normativeDocuments',
    label: '规范性文件',
    item: '第二十条第（一）项',
    match: ['规范性文件'],
    fields: MADE_2019,
  },
  { key: 'licensing', label: '行政许可', item: '第二十条第（五）项', match: ['行政许可'], fields: ITEMS_2019 },
  {
    key: 'otherServices',
    label: '其他对外管理服务事项',
    item: '第二十条第（五）项',
    match: ['其他对外管理服务事项', '对外管理服务'],
    fields: ITEMS_2019,
  },
  { key: 'penalty', label: '行政处罚', item: '第二十条第（六）项', match: ['行政处罚'], fields: ITEMS_2019 },
  { key: 'compulsory', label: '行政强制', item: '第二十条第（六）项', match: ['行政强制'], fields: ITEMS_2019 },
  {
    key: 'fees',
    label: '行政事业性收费',
    item: '第二十条第（八）项',
    match: ['行政事业性收费', '事业性收费'],
    fields: ITEMS_2019.slice(0, 2),
  },
  {
    key: 'procurement',
    label: '政府集中采购',
    item: '第二十条第（九）项',
    match: ['政府集中采购', '集中采购'],
    fields: [
      { key: 'projects', label: '采购项目数量' },
      { key: 'amountWanYuan', label: '采购总金额' },
    ],
  },
];

const OUTCOMES_HEAD: readonly ApplicationRow[] = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', match: ['本年新收'] },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', match: ['上年结转'] },
  { key: 'granted', label: '（一）予以公开', group: '三、本年度办理结果', match: ['予以公开'] },
  {
    key: 'partiallyGranted',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    group: '三、本年度办理结果',
    match: ['部分公开'],
  },
  { key: 'stateSecret', label: '1．属于国家秘密', group: '（三）不予公开', match: ['国家秘密'] },
  { key: 'lawProhibited', label: '2．其他法律行政法规禁止公开', group: '（三）不予公开', match: ['禁止公开'] },
  { key: 'threeSecurityOneStability', label: '3．危及“三安全一稳定”', group: '（三）不予公开', match: ['三安全一稳定'] },
  { key: 'thirdPartyRights', label: '4．保护第三方合法权益', group: '（三）不予公开', match: ['第三方合法权益'] },
  { key: 'internalAffairs', label: '5．属于三类内部事务信息', group: '（三）不予公开', match: ['内部事务'] },
  { key: 'processInfo', label: '6．属于四类过程性信息', group: '（三）不予公开', match: ['过程性信息'] },
  { key: 'lawEnforcementFile', label: '7．属于行政执法案卷', group: '（三）不予公开', match: ['行政执法案卷'] },
  { key: 'adminQuery', label: '8．属于行政查询事项', group: '（三）不予公开', match: ['行政查询事项'] },
  { key: 'notHeld', label: '1．本机关不掌握相关政府信息', group: '（四）无法提供', match: ['不掌握相关政府信息', '不掌握'] },
  { key: 'needsCreation', label: '2．没有现成信息需要另行制作', group: '（四）无法提供', match: ['另行制作', '没有现成信息'] },
  {
    key: 'unclearAfterCorrection',
    label: '3．补正后申请内容仍不明确',
    group: '（四）无法提供',
    match: ['仍不明确', '补正后申请内容'],
  },
  { key: 'petition', label: '1．信访举报投诉类申请', group: '（五）不予处理', match: ['信访举报投诉'] },
  { key: 'duplicate', label: '2．重复申请', group: '（五）不予处理', match: ['重复申请'] },
  { key: 'publication', label: '3．要求提供公开出版物', group: '（五）不予处理', match: ['公开出版物'] },
  { key: 'massRepeated', label: '4．无正当理由大量反复申请', group: '（五）不予处理', match: ['大量反复申请'] },
  {
    key: 'confirmOrReissue',
    label: '5．要求行政机关确认或重新出具已获取信息',
    group: '（五）不予处理',
    match: ['确认或重新出具', '重新出具'],
  },
];

const OUTCOMES_TAIL: readonly ApplicationRow[] = [
  // `(七)总计` first: a table header repeated after a page break also says 总计
  { key: 'total', label: '（七）总计', group: '三、本年度办理结果', match: ['(七)总计', '七)总计', '总计'] },
  { key: 'carriedToNext', label: '四、结转下年度继续办理', match: ['结转下年度', '继续办理'] },
];

export const APPLICATIONS_2021: readonly ApplicationRow[] = [
  ...OUTCOMES_HEAD,
  {
    key: 'overdueCorrection',
    label: '1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    group: '（六）其他处理',
    match: ['逾期不补正'],
  },
  {
    key: 'overdueFee',
    label: '2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    group: '（六）其他处理',
    match: ['缴纳费用', '收费通知'],
  },
  { key: 'otherHandling', label: '3．其他', group: '（六）其他处理', match: ['其他'] },
  ...OUTCOMES_TAIL,
];

export const APPLICATIONS_2019: readonly ApplicationRow[] = [
  ...OUTCOMES_HEAD,
  { key: 'otherHandling', label: '（六）其他处理', group: '三、本年度办理结果', match: ['其他处理'] },
  ...OUTCOMES_TAIL,
];

/** Rows whose sum is （七）总计: every outcome row. */
export const OUTCOME_KEYS: readonly string[] = APPLICATIONS_2021.map((r) => r.key).filter(
  (k) => !['newReceived', 'carriedOver', 'total', 'carriedToNext'].includes(k),
);

export interface TemplateDef {
  version: TemplateVersion;
  article20: readonly Article20Row[];
  applications: readonly ApplicationRow[];
}

export const TEMPLATES: Record<TemplateVersion, TemplateDef> = {
  '2021': { version: '2021', article20: ARTICLE20_2021, applications: APPLICATIONS_2021 },
  '2019': { version: '2019', article20: ARTICLE20_2019, applications: APPLICATIONS_2019 },
};

/** Every table cell of a template as (table, row key, column key) — the database's shape. */
export interface CellRef {
  table: 'article20' | 'applications' | 'reviewLitigation';
  row: string;
  column: string;
  /** Position in the row for the array-shaped tables 三 and 四; -1 for table 二. */
  index: number;
  /** Dotted path in the report object, e.g. `applications.newReceived[6]`. */
  path: string;
}

const cellCache = new Map<TemplateVersion, readonly CellRef[]>();

/** Every cell of a template, in the order the template prints them (computed once per version). */
export function templateCells(version: TemplateVersion): readonly CellRef[] {
  let cells = cellCache.get(version);
  if (!cells) {
    cells = buildCells(version);
    cellCache.set(version, cells);
  }
  return cells;
}

function buildCells(version: TemplateVersion): CellRef[] {
  const t = TEMPLATES[version];
  const cells: CellRef[] = [];
  for (const row of t.article20) {
    for (const f of row.fields) {
      cells.push({ table: 'article20', row: row.key, column: f.key, index: -1, path: `article20.${row.key}.${f.key}` });
    }
  }
  for (const row of t.applications) {
    APPLICANT_COLUMNS.forEach((c, i) => {
      cells.push({ table: 'applications', row: row.key, column: c.key, index: i, path: `applications.${row.key}[${i}]` });
    });
  }
  for (const g of REVIEW_GROUPS) {
    REVIEW_COLUMNS.forEach((c, i) => {
      cells.push({ table: 'reviewLitigation', row: g.key, column: c.key, index: i, path: `reviewLitigation.${g.key}[${i}]` });
    });
  }
  return cells;
}
