/**
 * What each check finding means, in the office's words: the 数据质量 page, the report page and
 * the 考核 show these, never the code. A code not listed is shown as 其他检查提示 (and a test keeps
 * every code the parser writes listed).
 */
import { CHECK_LABELS } from './evaluation/rubric';

export const FINDING_LABELS: Record<string, string> = {
  ...CHECK_LABELS,
  'table.digitsGlued': '表格中数字粘连，已按列拆分',
  'table.digitsSplit': '表格中数字被拆开，已按列合并',
  'table.rowByPosition': '表格某行按位置读取',
  'proactive.ambiguous': '主动公开总数有多种写法',
  'proactive.approximate': '主动公开数字为约数（如“100余条”）',
  'proactive.masked': '主动公开数字被遮挡或无法辨认',
  'proactive.categories': '主动公开分类无法读全',
  'proactive.categoryUnreadable': '主动公开某类条数无法读取',
  'applications.total': '表三总计无法核对',
  'article20.normativeDocuments': '表二规范性文件数字存疑',
  'article20.rules': '表二规章数字存疑',
  'figure.unitConverted': '数字单位已换算',
  'published.late': '逾期发布',
  'org.unconfirmed': '单位名称只在正文出现一次，未能确认',
  'org.selfMismatch': '报告自称的单位与署名不一致',
  'org.ocrMisread': '单位名称扫描识别有误',
  'org.inconsistent': '报告中单位名称前后不一致',
  'org.assigned': '单位由工作人员手工指定',
  'year.inconsistent': '报告中年度前后不一致',
  'source.ocr': '数字由扫描件识别，请核对',
  'ocr.tableCheck': '扫描识别的表格未通过核对',
  'ocr.pagesSkipped': '扫描件页数过多，部分页未识别',
  'document.notReport': '不是政府信息公开工作年度报告',
  'document.empty': '文件没有可读的文字',
  'document.attachmentOnly': '页面只有附件链接，正文不在页面中',
  'parser.internal': '读取时出现内部错误',
  'correction.review': '上一版本的更正未沿用到新版本，请核对',
};

/** The words for a finding's code (its kind). */
export const findingLabel = (code: string): string => FINDING_LABELS[code] ?? '其他检查提示';

/**
 * Codes that say the report is incomplete (a part or a table missing, figures that cannot be read):
 * the 数据质量 page says “报告不完整” once for them, not one line per unreadable cell.
 */
export const INCOMPLETE_CODES: ReadonlySet<string> = new Set([
  'sections.missing',
  'table.rowMissing',
  'table.rowIncomplete',
  'table.rowShort',
  'figure.null',
  'proactive.missing',
]);
