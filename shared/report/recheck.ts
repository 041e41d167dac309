/**
 * The template's checks run again on a report's figures as they stand after corrections. Only the
 * checks that read figures alone are re-run (the tables' identities and sums, categories against
 * the total, 规章 at a township); their old findings are replaced, so a warning a correction
 * resolved disappears and one it caused appears. Findings about the text (prose, dates, template
 * year, OCR) stay as the parser wrote them.
 */
import { checkApplications, checkProactive, checkReviewLitigation, checkTownshipRules } from './checks';
import { ParseContext } from './context';
import { figurePaths, figureValue } from './review';
import type { Finding, ParsedReport } from './types';

/** Codes of the checks that read figures only: what a correction can change. */
export const FIGURE_CHECKS = [
  'applications.identity',
  'applications.outcomeSum',
  'applications.columnSum',
  'reviewLitigation.total',
  'proactive.categorySum',
  'article20.townshipRules',
] as const;

/** Findings that say figures could not be read (blank, masked, approximate, glued, missing, two readings). */
const UNREAD = new Set([
  'figure.null',
  'proactive.missing',
  'proactive.masked',
  'proactive.approximate',
  'proactive.categoryUnreadable',
  'table.rowIncomplete',
  'table.rowShort',
  'table.digitsGlued',
  'table.rowMissing',
]);

/**
 * A finding that a figure could not be read is settled once every figure it names has a value: an
 * editor entered it from the original (the parser never fills one it could not read).
 */
function settled(report: ParsedReport, f: Finding): boolean {
  const unread = UNREAD.has(f.code) || (f.code === 'proactive.ambiguous' && f.severity === 'error');
  if (!unread || !f.field) return false;
  const paths = figurePaths(report, f.field);
  return paths.length > 0 && paths.every((path) => figureValue(report, path) !== null);
}

/** The report's findings after its figures changed: figure checks re-run, findings of figures now entered settled, every other finding kept in place. */
export function recheckFigures(report: ParsedReport): Finding[] {
  const ctx = new ParseContext('', { text: '', map: new Int32Array(1) });
  checkApplications(ctx, report.applications);
  checkReviewLitigation(ctx, report.reviewLitigation);
  checkProactive(ctx, report.proactive);
  checkTownshipRules(ctx, report.org.kind, report.article20);
  const rechecked = new Set<string>(FIGURE_CHECKS);
  const kept = report.findings.filter((f) => !rechecked.has(f.code) && !settled(report, f));
  // a scanned table flagged as misread because its sums failed: kept only while they still fail
  const tableFails = (prefix: string) => ctx.findings.some((f) => f.code.startsWith(prefix));
  const stillMisread = (f: Finding) =>
    f.code !== 'ocr.tableCheck' ||
    (f.field?.startsWith('applications') ? tableFails('applications.') : tableFails('reviewLitigation.'));
  return [...kept.filter(stillMisread), ...ctx.findings];
}
