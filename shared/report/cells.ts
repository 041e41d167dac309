import { type CellRef, templateCells } from './template';
import type { Figure, ParsedReport } from './types';

/** The value of one template cell in a parsed report (null when absent or unreadable). */
export function cellValue(report: ParsedReport, cell: CellRef): Figure {
  if (cell.table === 'article20') return report.article20[cell.row]?.[cell.column] ?? null;
  if (cell.table === 'applications') return report.applications[cell.row]?.[cell.index] ?? null;
  const group = report.reviewLitigation[cell.row as keyof ParsedReport['reviewLitigation']];
  return group?.[cell.index] ?? null;
}

/** Every cell of the report's template with its value and where it was read. */
export function reportCells(report: ParsedReport) {
  return templateCells(report.template ?? '2021').map((cell) => ({
    ...cell,
    value: cellValue(report, cell),
    span: report.provenance[cell.path] ?? null,
  }));
}
