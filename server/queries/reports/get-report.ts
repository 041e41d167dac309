import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from '../../../shared/report/template';
import type { ParsedReport, Span } from '../../../shared/report/types';
import type { Correction, ReportDetail } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';
import { listReportHistory } from './list-report-history';

export type { Correction, ReportDetail } from '../../../shared/schemas/index';

interface FigureRow {
  tableName: string;
  rowKey: string;
  columnKey: string;
  value: number | null;
  correctedValue: number | null;
  sourceStart: number | null;
  sourceEnd: number | null;
  sourceLine: number | null;
}

// column keys in template order, from the one template definition
const COLUMN_INDEX: Record<string, string[]> = {
  applications: APPLICANT_COLUMNS.map((c) => c.key),
  reviewLitigation: REVIEW_COLUMNS.map((c) => c.key),
};

/** The contract object of one report, its figures as they stand after corrections, with its history. */
/**
 * Who is asking, for the staff names in the answer: a visitor sees none (who corrected, who
 * imported), a signed-in user sees who corrected, an editor also who imported each version.
 */
export type Audience = 'visitor' | 'viewer' | 'editor';

export function getReport(db: Db, id: number, audience: Audience = 'visitor'): ReportDetail | null {
  const row = prepared(
    db,
    `select r.id, r.parsed, r.is_current as isCurrent, r.imported_at as importedAt, r.year, r.proactive_total_corrected as proactiveTotalCorrected,
         o.id as orgId, o.name, o.full_name as fullName, o.kind, o.county, d.extracted_text as sourceText
       from reports r join organizations o on o.id = r.organization_id join source_documents d on d.id = r.source_document_id
       where r.id = ?`,
  ).get(id) as
    | {
        id: number;
        parsed: string;
        isCurrent: number;
        importedAt: string;
        year: number;
        proactiveTotalCorrected: number | null;
        orgId: number;
        name: string;
        fullName: string | null;
        kind: string;
        county: string | null;
        sourceText: string;
      }
    | undefined;
  if (!row) return null;
  const parsed = JSON.parse(row.parsed) as ParsedReport;
  const parsedValues: Record<string, number | null> = {};
  const ocrRanges = parsed.source.ocrRanges ?? [];
  const figures = prepared(
    db,
    `select table_name as tableName, row_key as rowKey, column_key as columnKey, value, corrected_value as correctedValue,
         source_start as sourceStart, source_end as sourceEnd, source_line as sourceLine
       from table_figures where report_id = ?`,
  ).all(id) as FigureRow[];
  for (const f of figures) {
    const index = COLUMN_INDEX[f.tableName]?.indexOf(f.columnKey) ?? -1;
    const path = index >= 0 ? `${f.tableName}.${f.rowKey}[${index}]` : `${f.tableName}.${f.rowKey}.${f.columnKey}`;
    const value = f.correctedValue ?? f.value;
    if (f.tableName === 'article20') {
      parsed.article20[f.rowKey] = { ...parsed.article20[f.rowKey], [f.columnKey]: value };
    } else {
      const rows = (f.tableName === 'applications' ? parsed.applications : parsed.reviewLitigation) as Record<
        string,
        (number | null)[]
      >;
      const row = rows[f.rowKey] ?? [];
      row[index] = value;
      rows[f.rowKey] = row;
    }
    if (f.correctedValue !== null) parsedValues[path] = f.value;
    if (f.sourceStart !== null && f.sourceEnd !== null && f.sourceLine !== null) {
      const span: Span = { start: f.sourceStart, end: f.sourceEnd, line: f.sourceLine };
      if (ocrRanges.some(([a, b]) => span.start < b && span.end > a)) span.ocr = true;
      parsed.provenance[path] = span;
    }
  }
  if (row.proactiveTotalCorrected !== null) {
    parsedValues['proactive.total'] = parsed.proactive.total;
    parsed.proactive.total = row.proactiveTotalCorrected;
  }
  const corrections = prepared(
    db,
    `select id, field, old_value as oldValue, new_value as newValue, reason, corrected_by as correctedBy, corrected_at as correctedAt
       from corrections where report_id = ? order by id`,
  ).all(id) as Correction[];
  return {
    ...parsed,
    id: row.id,
    organization: { id: row.orgId, name: row.name, fullName: row.fullName, kind: row.kind, county: row.county },
    isCurrent: row.isCurrent === 1,
    importedAt: row.importedAt,
    versions: listReportHistory(db, row.orgId, row.year).map(({ importedBy, ...v }) =>
      audience === 'editor' ? { ...v, importedBy } : v,
    ),
    corrections: audience === 'visitor' ? corrections.map((c) => ({ ...c, correctedBy: null })) : corrections,
    parsedValues,
    sourceText: row.sourceText,
  };
}
