import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { parseReport, reportCells } from '../../shared/report/index';
import type { ParsedReport } from '../../shared/report/types';
import type { Db } from '../db/client';
import { findings, proactiveCategories, reports, sourceDocuments, tableFigures } from '../db/schema';
import { ExtractError, extractText } from './extract';
import { identityOf, resolveOrganization } from './organizations';

export type ImportStatus = 'imported' | 'unchanged' | 'replaced' | 'failed';

export interface ImportInput {
  bytes: Uint8Array;
  fileName: string;
  /** County for reports that do not name one (`--county`). */
  county?: string | null;
  importedBy: string;
}

export interface ImportResult {
  file: string;
  status: ImportStatus;
  reportId?: number;
  organization?: { id: number; name: string; county: string | null };
  year?: number;
  /** Why it failed: Chinese for the UI, English for logs. */
  reason?: { zh: string; en: string };
  errors?: number;
  warnings?: number;
}

const fail = (file: string, zh: string, en: string): ImportResult => ({ file, status: 'failed', reason: { zh, en } });

/** Why a parsed document cannot become a report row, or null when it can. */
function refusal(report: ParsedReport): { zh: string; en: string } | null {
  const codes = new Set(report.findings.map((f) => f.code));
  if (codes.has('document.empty')) return { zh: '文件没有可读取的文字', en: 'no text in the document' };
  if (codes.has('document.notReport')) {
    return { zh: '不是政府信息公开工作年度报告（未找到报告的章节和统计表）', en: 'not an annual disclosure report' };
  }
  if (report.org.name === null) return { zh: '无法识别报告所属单位名称', en: 'organisation name not found' };
  if (report.year === null) return { zh: '无法识别报告所属年度', en: 'report year not found' };
  return null;
}

/**
 * Imports one file: the same bytes again change nothing; a new file for an organisation and year
 * becomes the current version and the old one stays in history. Everything for one report is
 * written in one transaction, so a crash leaves it wholly in or wholly absent.
 */
export function importDocument(db: Db, input: ImportInput): ImportResult {
  const file = input.fileName;
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const existing = db
    .select({ id: reports.id, year: reports.year })
    .from(reports)
    .innerJoin(sourceDocuments, eq(reports.sourceDocumentId, sourceDocuments.id))
    .where(eq(sourceDocuments.sha256, sha256))
    .get();
  if (existing) return { file, status: 'unchanged', reportId: existing.id, year: existing.year };

  let extracted: ReturnType<typeof extractText>;
  try {
    extracted = extractText(input.bytes);
  } catch (err) {
    if (err instanceof ExtractError) return fail(file, err.zh, err.message);
    throw err;
  }
  const parsed = parseReport(extracted.text, { file, sha256, format: extracted.format });
  const refused = refusal(parsed);
  if (refused) return fail(file, refused.zh, refused.en);
  const identity = identityOf(parsed, input.county ?? null);
  if (!identity || parsed.year === null) return fail(file, '无法识别单位或年度', 'organisation or year not found');
  const year = parsed.year;
  const cells = reportCells(parsed);
  const errors = parsed.findings.filter((f) => f.severity === 'error').length;
  const warnings = parsed.findings.length - errors;

  return db.transaction((tx) => {
    const now = new Date().toISOString();
    const org = resolveOrganization(tx, identity, now);
    const doc = tx
      .insert(sourceDocuments)
      .values({
        sha256,
        fileName: file,
        mediaType: extracted.mediaType,
        format: extracted.format,
        size: input.bytes.length,
        bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
        extractedText: extracted.text,
        importedAt: now,
        importedBy: input.importedBy,
      })
      .returning({ id: sourceDocuments.id })
      .get();
    const current = tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.organizationId, org.id), eq(reports.year, year), eq(reports.isCurrent, true)))
      .get();
    if (current) tx.update(reports).set({ isCurrent: false, supersededAt: now }).where(eq(reports.id, current.id)).run();
    const report = tx
      .insert(reports)
      .values({
        organizationId: org.id,
        sourceDocumentId: doc.id,
        year,
        template: parsed.template,
        publishedOn: parsed.publishedOn,
        proactiveTotal: parsed.proactive.total,
        proactiveApprox: parsed.proactive.approx ?? null,
        isCurrent: true,
        parsed,
        errorCount: errors,
        warningCount: warnings,
        importedAt: now,
      })
      .returning({ id: reports.id })
      .get();
    if (current) tx.update(reports).set({ supersededById: report.id }).where(eq(reports.id, current.id)).run();
    if (parsed.proactive.categories.length > 0) {
      tx.insert(proactiveCategories)
        .values(parsed.proactive.categories.map((c, position) => ({ reportId: report.id, position, ...c })))
        .run();
    }
    tx.insert(tableFigures)
      .values(
        cells.map((c) => ({
          reportId: report.id,
          tableName: c.table,
          rowKey: c.row,
          columnKey: c.column,
          value: c.value,
          parsedValue: c.value,
          sourceStart: c.span?.start ?? null,
          sourceEnd: c.span?.end ?? null,
          sourceLine: c.span?.line ?? null,
        })),
      )
      .run();
    if (parsed.findings.length > 0) {
      tx.insert(findings)
        .values(
          parsed.findings.map((f) => ({
            reportId: report.id,
            code: f.code,
            severity: f.severity,
            field: f.field ?? null,
            message: f.message,
          })),
        )
        .run();
    }
    return {
      file,
      status: current ? 'replaced' : 'imported',
      reportId: report.id,
      organization: { id: org.id, name: org.name, county: org.county },
      year,
      errors,
      warnings,
    } satisfies ImportResult;
  });
}
