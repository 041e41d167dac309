import { eq } from 'drizzle-orm';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from '../../../shared/report/template';
import type { ParsedReport, Span } from '../../../shared/report/types';
import type { Correction, ReportDetail, ReportReview } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import {
  corrections,
  findings,
  organizations,
  proactiveCategories,
  reports,
  sourceDocuments,
  tableFigures,
} from '../../db/schema';
import { listReportHistory } from './list-report-history';
import { reviewOf } from './review-status';

export type { Correction, ReportDetail } from '../../../shared/schemas/index';

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

export async function getReport(db: Db, id: number, audience: Audience = 'visitor'): Promise<ReportDetail | null> {
  const r = reports;
  const o = organizations;
  const row = await db
    .select({
      id: r.id,
      parsed: r.parsed,
      isCurrent: r.isCurrent,
      importedAt: r.importedAt,
      year: r.year,
      proactiveTotalCorrected: r.proactiveTotalCorrected,
      orgId: o.id,
      name: o.name,
      fullName: o.fullName,
      kind: o.kind,
      county: o.county,
      sourceText: sourceDocuments.extractedText,
    })
    .from(r)
    .innerJoin(o, eq(o.id, r.organizationId))
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, r.sourceDocumentId))
    .where(eq(r.id, id))
    .get();
  if (!row) return null;
  const parsed = row.parsed as ParsedReport;
  const parsedValues: Record<string, number | null> = {};
  const ocrRanges = parsed.source.ocrRanges ?? [];
  const t = tableFigures;
  const figures = await db
    .select({
      tableName: t.tableName,
      rowKey: t.rowKey,
      columnKey: t.columnKey,
      value: t.value,
      correctedValue: t.correctedValue,
      sourceStart: t.sourceStart,
      sourceEnd: t.sourceEnd,
      sourceLine: t.sourceLine,
    })
    .from(t)
    .where(eq(t.reportId, id))
    .all();
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
  // categories as corrected; the parsed count kept in parsedValues like every corrected figure
  const cats = await db
    .select({
      position: proactiveCategories.position,
      count: proactiveCategories.count,
      corrected: proactiveCategories.correctedCount,
    })
    .from(proactiveCategories)
    .where(eq(proactiveCategories.reportId, id))
    .all();
  for (const k of cats) {
    const category = parsed.proactive.categories[k.position];
    if (k.corrected === null || !category) continue;
    parsedValues[`proactive.categories[${k.position}]`] = category.count;
    category.count = k.corrected;
  }
  // the checks as they stand: re-run on the corrected figures after each correction (not the parser's first list)
  const fs = findings;
  parsed.findings = (
    await db
      .select({ code: fs.code, severity: fs.severity, field: fs.field, message: fs.message })
      .from(fs)
      .where(eq(fs.reportId, id))
      .orderBy(fs.id)
      .all()
  ).map((f) => (f.field === null ? { code: f.code, severity: f.severity, message: f.message } : f)) as ParsedReport['findings'];
  const c = corrections;
  const made: Correction[] = await db
    .select({
      id: c.id,
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      reason: c.reason,
      correctedBy: c.correctedBy,
      correctedAt: c.correctedAt,
    })
    .from(c)
    .where(eq(c.reportId, id))
    .orderBy(c.id)
    .all();
  return {
    ...parsed,
    id: row.id,
    organization: { id: row.orgId, name: row.name, fullName: row.fullName, kind: row.kind, county: row.county },
    isCurrent: row.isCurrent,
    importedAt: row.importedAt,
    versions: (await listReportHistory(db, row.orgId, row.year)).map(({ importedBy, ...v }) =>
      audience === 'editor' ? { ...v, importedBy } : v,
    ),
    corrections: audience === 'visitor' ? made.map((x) => ({ ...x, correctedBy: null })) : made,
    parsedValues,
    sourceText: row.sourceText,
    review: withNames(await reviewOf(db, row.id, parsed), audience),
  };
}

/** Who checked each figure is staff information: a visitor sees that it was checked, not by whom. */
function withNames(review: ReportReview, audience: Audience): ReportReview {
  if (audience !== 'visitor') return review;
  return {
    ...review,
    checkedBy: null,
    items: review.items.map((i) => (i.checked ? { ...i, checked: { ...i.checked, by: null } } : i)),
  };
}
