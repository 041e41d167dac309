import {
  checkApplications,
  checkProactive,
  checkProse,
  checkPublished,
  checkReviewLitigation,
  checkTemplateYear,
  checkTownshipRules,
} from './checks';
import { ParseContext } from './context';
import { readIdentity } from './identity';
import { type MappedText, originRange } from './mapped-text';
import { flow, normalize } from './normalize';
import { readProactive } from './proactive';
import { type SectionSplit, splitSections } from './sections';
import { detectTemplate, type Region, readApplications, readArticle20, readReviewLitigation } from './tables';
import type { ParsedReport, SourceInfo } from './types';

/**
 * Where table 二 begins: its first row's item (第二十条第（一）项), or 第二十条 opening a line; not the
 * article cited in prose (围绕《条例》第二十条法定公开范围，…全年主动公开…).
 */
const TABLE_TWO_ROW = /第二十条第|^[ \t|]*第二十条/m;

/**
 * The prose before the tables, where the proactive total is stated: from the start (a preamble
 * may hold it) to the first table (第二十条…) or the first later section, whichever comes first.
 */
function proactiveRegion(norm: string, split: SectionSplit): Region {
  let end = norm.length;
  const table = new RegExp(`${TABLE_TWO_ROW.source}|信息内容[\\s|]|本年制发件数|本年新制作数量`, 'm').exec(norm);
  if (table) end = table.index;
  for (const key of ['applications', 'reviewLitigation', 'problems', 'other'] as const) {
    const s = split.byKey[key];
    if (s && s.headingStart > 0) end = Math.min(end, s.headingStart);
  }
  return { start: 0, end };
}

function originalText(ctx: ParseContext, from: number, to: number): string {
  if (to <= from) return '';
  const [s, e] = originRange(ctx.norm, from, to);
  return ctx.original.slice(s, e).trim();
}

const IMPROVEMENT_START =
  /\n[ \t]*(?:\(\s*二\s*\)|二、)?[ \t]*(?:改进(?:情况|措施|举措|方向)|针对(?:上述|以上|存在的|这些)|下一步|下阶段|今后)/;

function readSections(ctx: ParseContext, split: SectionSplit, signatureStart: number | null): ParsedReport['sections'] {
  const norm = ctx.norm.text;
  const five = split.byKey.problems;
  const six = split.byKey.other;
  let problems = '';
  let improvements = '';
  if (five) {
    const body = norm.slice(five.start, five.end);
    const at = IMPROVEMENT_START.exec(`\n${body}`);
    const cut = at && at.index > 0 ? five.start + at.index : five.end;
    problems = originalText(ctx, five.start, cut);
    improvements = originalText(ctx, cut, five.end);
  }
  const one = split.byKey.overview;
  const overview = one ? originalText(ctx, one.start, one.end) : '';
  let other = '';
  if (six) {
    const end = signatureStart !== null && signatureStart > six.start && signatureStart < six.end ? signatureStart : six.end;
    other = originalText(ctx, six.start, end);
  }
  return { overview, problems, improvements, other };
}

function emptyReport(source: SourceInfo): ParsedReport {
  return {
    source: { file: source.file ?? '', sha256: source.sha256 ?? '', format: source.format ?? 'text' },
    org: { name: null, fullName: null, county: null, kind: null },
    year: null,
    publishedOn: null,
    publishedFrom: null,
    template: null,
    proactive: { total: null, categories: [], channels: [] },
    article20: {},
    applications: {},
    reviewLitigation: { review: [], litigationDirect: [], litigationAfterReview: [] },
    sections: { overview: '', problems: '', improvements: '', other: '' },
    provenance: {},
    findings: [],
    orgAliases: [],
  };
}

/**
 * A report is a text about 政府信息公开 with at least one of the template's headings or a 主动公开
 * passage: an opening with one heading, or a page flattened to one line, is parsed for what it has.
 */
function looksLikeReport(split: SectionSplit, norm: string): boolean {
  if (split.found.length >= 2) return true;
  return (split.found.length >= 1 || /主动公开/.test(norm)) && /信息公开|政务公开|政府信息/.test(norm);
}

function regionOf(split: SectionSplit, key: 'proactive' | 'applications' | 'reviewLitigation'): Region | null {
  const s = split.byKey[key];
  return s ? { start: s.start, end: s.end } : null;
}

/**
 * The table regions, by section when the headings are there, else by the tables' own words: table
 * 二 from its first 第二十条, table 三 from 申请人情况 / 本年新收, each up to the next table or section.
 */
function tableRegions(norm: string, split: SectionSplit) {
  let a20 = regionOf(split, 'proactive');
  let app = regionOf(split, 'applications');
  const rl = regionOf(split, 'reviewLitigation');
  const appStart = app?.start ?? /申请人情况|本年新收政府信息公开申请/.exec(norm)?.index ?? null;
  if (!a20 || !/第二十条|本年制发|本年新制作|处理决定数量/.test(norm.slice(a20.start, a20.end))) {
    const first = TABLE_TWO_ROW.exec(norm);
    if (first) {
      const ends = [appStart, split.byKey.applications?.headingStart, rl?.start, norm.length].filter(
        (e): e is number => e !== null && e !== undefined && e > first.index,
      );
      a20 = { start: first.index, end: Math.min(...ends) };
    }
  }
  if (!app && appStart !== null) {
    const ends = [split.byKey.reviewLitigation?.headingStart, split.byKey.problems?.headingStart, norm.length].filter(
      (e): e is number => e !== undefined && e > appStart,
    );
    app = { start: appStart, end: Math.min(...ends) };
  }
  return { a20, app, rl };
}

/** The document's own title: a PDF's Title, or a web page's ArticleTitle. */
function pageTitle(source: SourceInfo): string | undefined {
  return source.title ?? source.page?.title ?? undefined;
}

/** The date under the signature; else, for a web page, the page's own date (its PubDate). */
function datePublished(report: ParsedReport, signed: string | null, source: SourceInfo): void {
  if (signed) {
    report.publishedOn = signed;
    report.publishedFrom = 'signature';
    return;
  }
  const page = source.page?.publishedOn;
  if (page && /^\d{4}-\d{2}-\d{2}$/.test(page)) {
    report.publishedOn = page;
    report.publishedFrom = 'page';
  }
}

function parseInto(report: ParsedReport, ctx: ParseContext, source: SourceInfo): void {
  const norm = ctx.norm.text;
  if (norm.trim().length === 0) {
    ctx.add('document.empty', 'error', '文件内容为空，没有可读取的文字');
    return;
  }
  const split = splitSections(norm);
  if (!looksLikeReport(split, norm)) {
    const files = (source.attachments ?? []).filter((a) => /\.(?:pdf|docx?|wps|ofd)\b/i.test(a) || /报告|年报/.test(a));
    if (files.length > 0) {
      // a page that only links the report: who and which year from its title and date, no figure
      const identity = readIdentity(ctx, flow(ctx.norm, 0, Math.min(norm.length, 2000)), 0, pageTitle(source));
      Object.assign(report, { org: identity.org, year: identity.year });
      datePublished(report, identity.publishedOn, source);
      ctx.findings.length = 0;
      ctx.add('document.attachmentOnly', 'error', `正文只有标题，报告在附件中：${files.join('、')}`);
      return;
    }
    ctx.add('document.notReport', 'error', '该文件不是政府信息公开工作年度报告：未找到报告的章节和统计表');
    return;
  }
  for (const def of split.missing) {
    ctx.add('sections.missing', 'error', `缺少第${def.numeral}部分“${def.title}”`, `sections.${def.key}`);
  }
  for (const def of split.outOfOrder) {
    ctx.add('sections.order', 'warning', `第${def.numeral}部分“${def.title}”不在应有的位置`, `sections.${def.key}`);
  }
  const differs = [
    ...split.extra.map((x) => `多出模板没有的“${x.heading}”`),
    ...split.renumbered.map((r) => `“${r.def.title}”编为第${r.numeral}部分（模板为第${r.def.numeral}部分）`),
  ];
  if (differs.length > 0) {
    ctx.add('sections.structure', 'warning', `报告的章节与模板不一致：${differs.join('；')}。各表数字请对照原件核对`);
  }

  const two = split.byKey.proactive;
  const prose: MappedText = flow(ctx.norm, 0, two ? two.headingStart : Math.min(norm.length, 6000));
  const tailFrom = split.byKey.other?.start ?? Math.max(0, norm.length - 600);
  const identity = readIdentity(ctx, prose, tailFrom, pageTitle(source), (source.ocrRanges?.length ?? 0) > 0);
  Object.assign(report, { org: identity.org, year: identity.year });
  datePublished(report, identity.publishedOn, source);
  report.orgAliases = identity.aliases;

  const pr = proactiveRegion(norm, split);
  report.proactive = readProactive(ctx, flow(ctx.norm, pr.start, pr.end));

  const { a20, app, rl } = tableRegions(norm, split);
  const template = detectTemplate(norm, a20, app) ?? '2021';
  report.template = template;
  report.article20 = readArticle20(ctx, a20, template);
  report.applications = readApplications(ctx, app, template);
  report.reviewLitigation = readReviewLitigation(ctx, rl);
  report.sections = readSections(ctx, split, identity.signatureStart);

  checkApplications(ctx, report.applications);
  checkReviewLitigation(ctx, report.reviewLitigation);
  checkProactive(ctx, report.proactive);
  checkTemplateYear(ctx, template, report.year);
  checkPublished(ctx, report.year, report.publishedOn, report.publishedFrom ?? null);
  checkTownshipRules(ctx, report.org.kind, report.article20);
  checkProse(ctx, prose.text, report);
}

const TABLE_CHECKS: Record<string, { table: string; paths: string }> = {
  'applications.identity': { table: '表三', paths: 'applications.' },
  'applications.columnSum': { table: '表三', paths: 'applications.' },
  'applications.outcomeSum': { table: '表三', paths: 'applications.' },
  'applications.total': { table: '表三', paths: 'applications.' },
  'reviewLitigation.total': { table: '表四', paths: 'reviewLitigation.' },
};

/**
 * A scanned report: every figure read from an OCR'd part is marked, the report says it was
 * read by OCR, and a table whose sums fail is flagged as a likely misreading.
 */
function markOcr(ctx: ParseContext, ranges: readonly (readonly [number, number])[]): void {
  if (ranges.length === 0) return;
  let marked = 0;
  for (const span of Object.values(ctx.provenance)) {
    if (ranges.some(([from, to]) => span.start < to && span.end > from)) {
      span.ocr = true;
      marked++;
    }
  }
  ctx.add('source.ocr', 'warning', `本报告是扫描件，${marked} 个数字识别自扫描件，请核对原件：文字识别可能读错个别字和数字`);
  const flagged = new Set<string>();
  for (const f of [...ctx.findings]) {
    const check = TABLE_CHECKS[f.code];
    if (!check || flagged.has(check.table)) continue;
    const read = Object.entries(ctx.provenance).some(([path, span]) => span.ocr && path.startsWith(check.paths));
    if (!read) continue;
    const { table } = check;
    flagged.add(table);
    ctx.add('ocr.tableCheck', 'error', `${table}识别自扫描件，勾稽关系不成立，很可能有数字识别错误，请对照原件逐项核对`, f.field);
  }
}

/**
 * Parses the text of one published annual report into the contract's object. Never throws: what
 * cannot be read is null with a finding.
 */
export function parseReport(text: string, source: SourceInfo = {}): ParsedReport {
  const report = emptyReport(source);
  if (source.ocrRanges && source.ocrRanges.length > 0) report.source.ocrRanges = source.ocrRanges.map(([a, b]) => [a, b]);
  const original = typeof text === 'string' ? text : '';
  let ctx = new ParseContext(original, { text: '', map: new Int32Array(1) });
  try {
    ctx = new ParseContext(original, normalize(original));
    parseInto(report, ctx, source);
    markOcr(ctx, source.ocrRanges ?? []);
    if (source.ocrSkipped) {
      ctx.add(
        'ocr.pagesSkipped',
        'error',
        `扫描件页数过多，只识别了前面的扫描页，另有 ${source.ocrSkipped} 页未识别；其中的数字未读取，请核对原件或提供文字版`,
      );
    }
  } catch (err) {
    ctx.add('parser.internal', 'error', `解析程序内部错误：${err instanceof Error ? err.message : String(err)}`);
  }
  report.findings = ctx.findings;
  report.provenance = ctx.provenance;
  return report;
}
