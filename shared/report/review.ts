/**
 * What a reviewer checks in a report against its original (待核对): the figures its findings name
 * (unreadable, failed checks, corrections to review), the figures read by OCR, and the proactive total
 * first whenever anything is to be checked, as it is the figure that ranks the unit.
 */
import { cellValue } from './cells';
import { categoryIndex, cellOf } from './fields';
import { templateCells } from './template';
import type { Figure, ParsedReport } from './types';

/** Findings about the text, not a figure: nothing in them to check against a cell. */
const NOT_A_FIGURE = /^(?:published|sections|template|year|org|source|document|parser)\./;

/** The figure paths a finding's field names: one figure, the categories, a row or a whole table. */
export function figurePaths(report: ParsedReport, field: string): string[] {
  if (field === 'proactive.total') return [field];
  if (field === 'proactive.categories') return report.proactive.categories.map((_, i) => `proactive.categories[${i}]`);
  if (categoryIndex(field) !== null) return [field];
  return templateCells(report.template ?? '2021')
    .filter((c) => c.path === field || c.path.startsWith(`${field}.`) || c.path.startsWith(`${field}[`))
    .map((c) => c.path);
}

/** The value of one figure path in a report (the total, a category or a template cell), null when absent. */
export function figureValue(report: ParsedReport, path: string): Figure {
  if (path === 'proactive.total') return report.proactive.total;
  const i = categoryIndex(path);
  if (i !== null) return report.proactive.categories[i]?.count ?? null;
  const cell = cellOf(path, report.template ?? '2021');
  return cell ? cellValue(report, cell) : null;
}

/** The figures of a report to check, the proactive total first, then in the template's order; none for a clean report. */
export function reviewItems(report: ParsedReport): string[] {
  const flagged = new Set<string>();
  for (const f of report.findings) {
    if (!f.field || NOT_A_FIGURE.test(f.code)) continue;
    for (const p of figurePaths(report, f.field)) flagged.add(p);
  }
  for (const [path, span] of Object.entries(report.provenance)) if (span.ocr) flagged.add(path);
  if (flagged.size === 0) return [];
  const order = [
    'proactive.total',
    ...report.proactive.categories.map((_, i) => `proactive.categories[${i}]`),
    ...templateCells(report.template ?? '2021').map((c) => c.path),
  ];
  return order.filter((p, i) => i === 0 || flagged.has(p));
}
