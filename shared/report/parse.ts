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

/** Where 一（一）主动公开 starts and ends inside section 一; the whole section when unmarked. */
function proactiveRange(norm: string, split: SectionSplit): Region {
  const one = split.byKey.overview;
  const two = split.byKey.proactive;
  const start = one ? one.start : 0;
  const end = one ? one.end : (two?.headingStart ?? norm.length);
  const body = norm.slice(start, end);
  const open = /\(\s*一\s*\)\s*(?:[^\n]{0,12}?)主动公开|一是主动公开|主动公开(?:方面|情况)/.exec(body);
  if (!open) return { start, end };
  const from = open.index;
  const close = /\n[ \t]*(?:#{1,6}[ \t]*)?\(\s*二\s*\)|\n[ \t]*二是/.exec(body.slice(from + open[0].length));
  return { start: start + from, end: close ? start + from + open[0].length + close.index : end };
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
  let other = '';
  if (six) {
    const end = signatureStart !== null && signatureStart > six.start && signatureStart < six.end ? signatureStart : six.end;
    other = originalText(ctx, six.start, end);
  }
  return { problems, improvements, other };
}

function emptyReport(source: SourceInfo): ParsedReport {
  return {
    source: { file: source.file ?? '', sha256: source.sha256 ?? '', format: source.format ?? 'text' },
    org: { name: null, fullName: null, county: null, kind: null },
    year: null,
    publishedOn: null,
    template: null,
    proactive: { total: null, categories: [], channels: [] },
    article20: {},
    applications: {},
    reviewLitigation: { review: [], litigationDirect: [], litigationAfterReview: [] },
    sections: { problems: '', improvements: '', other: '' },
    provenance: {},
    findings: [],
    orgAliases: [],
  };
}

function looksLikeReport(split: SectionSplit, norm: string): boolean {
  return split.found.length >= 3 || (split.found.length >= 1 && /政府信息公开/.test(norm) && /年度报告/.test(norm));
}

function regionOf(split: SectionSplit, key: 'proactive' | 'applications' | 'reviewLitigation'): Region | null {
  const s = split.byKey[key];
  return s ? { start: s.start, end: s.end } : null;
}

function parseInto(report: ParsedReport, ctx: ParseContext): void {
  const norm = ctx.norm.text;
  if (norm.trim().length === 0) {
    ctx.add('document.empty', 'error', '文件内容为空，没有可读取的文字');
    return;
  }
  const split = splitSections(norm);
  if (!looksLikeReport(split, norm)) {
    ctx.add('document.notReport', 'error', '该文件不是政府信息公开工作年度报告：未找到报告的章节和统计表');
    return;
  }
  for (const def of split.missing) {
    ctx.add('sections.missing', 'error', `缺少第${def.numeral}部分“${def.title}”`, `sections.${def.key}`);
  }
  for (const def of split.outOfOrder) {
    ctx.add('sections.order', 'warning', `第${def.numeral}部分“${def.title}”不在应有的位置`, `sections.${def.key}`);
  }

  const two = split.byKey.proactive;
  const prose: MappedText = flow(ctx.norm, 0, two ? two.headingStart : Math.min(norm.length, 6000));
  const tailFrom = split.byKey.other?.start ?? Math.max(0, norm.length - 600);
  const identity = readIdentity(ctx, prose, tailFrom);
  Object.assign(report, { org: identity.org, year: identity.year, publishedOn: identity.publishedOn });
  report.orgAliases = identity.aliases;

  const pr = proactiveRange(norm, split);
  report.proactive = readProactive(ctx, flow(ctx.norm, pr.start, pr.end));

  const a20 = regionOf(split, 'proactive');
  const app = regionOf(split, 'applications');
  const rl = regionOf(split, 'reviewLitigation');
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
  checkPublished(ctx, report.year, report.publishedOn);
  checkTownshipRules(ctx, report.org.kind, report.article20);
  checkProse(ctx, prose.text, report);
}

/**
 * Parses the text of one published annual report into the contract's object. Never throws: what
 * cannot be read is null with a finding.
 */
export function parseReport(text: string, source: SourceInfo = {}): ParsedReport {
  const report = emptyReport(source);
  const original = typeof text === 'string' ? text : '';
  let ctx = new ParseContext(original, { text: '', map: new Int32Array(1) });
  try {
    ctx = new ParseContext(original, normalize(original));
    parseInto(report, ctx);
  } catch (err) {
    ctx.add('parser.internal', 'error', `解析程序内部错误：${err instanceof Error ? err.message : String(err)}`);
  }
  report.findings = ctx.findings;
  report.provenance = ctx.provenance;
  return report;
}
