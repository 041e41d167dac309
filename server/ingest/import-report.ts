import { eq } from 'drizzle-orm';
import { READER_VERSION, type TemplateVersion, templateCells } from '../../shared/report/index';
import { appendAudit } from '../auth/audit';
import type { Db } from '../db/client';
import { findings } from '../db/schema';
import { writeTransaction } from '../db/write';
import { resolveOrganization } from '../queries/organizations/resolve';
import { carryCorrections } from '../queries/reports/carry-corrections';
import { ingestSql } from '../queries/reports/import-statements';
import { versionChanges } from '../queries/reports/version-changes';
import type { EngineProgress } from './formats/engine';
import { type ImportInput, type ImportResult, isPrepared, type PreparedReport, prepareImport, sha256Of } from './prepare-import';

export type { ImportInput, ImportResult, ImportStatus } from './prepare-import';

/**
 * Writes a prepared report in one transaction, so a crash leaves it wholly in or wholly absent.
 * The same bytes again change nothing; a new file for an organisation and year becomes the
 * current version and the old one stays in history — or, asked to, is held for the uploader's
 * review when it would replace the current version. While another writer holds the lock it waits
 * without holding the event loop (see writeTransaction).
 */
export async function commitImport(
  db: Db,
  p: PreparedReport,
  { askBeforeReplacing = false }: { askBeforeReplacing?: boolean } = {},
): Promise<ImportResult> {
  let result: ImportResult;
  try {
    result = await writeTransaction(db, async (tx) => {
      const r = await writeReport(tx, p);
      // the file would replace the current version: written, compared, rolled back, and shown to
      // the uploader to confirm (nothing of it stays in the database until then)
      if (askBeforeReplacing && r.status === 'replaced' && r.replaces !== undefined && r.reportId !== undefined) {
        throw new NeedsReview({
          ...r,
          status: 'review',
          changes: await versionChanges(tx, r.replaces, r.reportId),
          reportId: undefined,
        });
      }
      return r;
    });
  } catch (err) {
    if (err instanceof NeedsReview) {
      const { reportId: _, corrections: __, findings: ___, errors: ____, warnings: _____, ...review } = err.result;
      return review;
    }
    throw err;
  }
  return result;
}

/** Thrown inside the import's transaction to roll it back and say what the file would change. */
class NeedsReview extends Error {
  constructor(readonly result: ImportResult) {
    super('the file would replace the current version');
  }
}

/**
 * The writes of one report; called inside a transaction. `documentId`: the report is a re-reading of
 * an original already stored (a new version of the same file), not a new file.
 */
export async function writeReport(db: Db, p: PreparedReport, documentId?: number): Promise<ImportResult> {
  const stmt = ingestSql;
  if (documentId === undefined) {
    const existing = await stmt.reportBySha(db, p.sha256);
    if (existing) return { file: p.file, status: 'unchanged', reportId: existing.id, year: existing.year };
  }
  const now = new Date().toISOString();
  const { org, countyAssigned } = await resolveOrganization(db, p.identity, now);
  const who = { actor: p.importedBy, ip: p.ip };
  // a county a report names joins the county list; one given by hand was on it already (routes)
  if (org.county !== null && (await stmt.insertCounty(db, org.county, now, 'report')) > 0) {
    await appendAudit(db, { ...who, action: 'county.added', target: org.county, detail: { by: 'report', file: p.file } }, now);
  }
  if (countyAssigned) {
    await appendAudit(
      db,
      {
        ...who,
        action: 'organization.county',
        target: org.name,
        detail: { organizationId: org.id, county: org.county, file: p.file },
      },
      now,
    );
  }
  const bytes = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
  const docId =
    documentId ??
    (await stmt.insertDocument(db, [
      p.sha256,
      p.file,
      p.mediaType,
      p.format,
      bytes.length,
      bytes,
      p.text,
      now,
      p.importedBy,
      p.layout,
    ]));
  const current = await stmt.currentReport(db, org.id, p.year);
  if (current) await stmt.supersede(db, now, current.id);
  const reportId = await stmt.insertReport(db, [
    org.id,
    docId,
    p.year,
    p.template,
    p.publishedOn,
    p.publishedFrom,
    p.proactiveTotal,
    p.proactiveApprox,
    p.parsedJson,
    p.errors,
    p.warnings,
    now,
    READER_VERSION,
  ]);
  if (current) await stmt.linkSuccessor(db, reportId, current.id);
  await stmt.categories(
    db,
    p.categories.map((c, position) => [reportId, position, c.label, c.category, c.count]),
  );
  const cells = templateCells((p.template ?? '2021') as TemplateVersion);
  const params: (string | number | null)[] = [];
  const nullable = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
  cells.forEach((cell, i) => {
    const k = i * 4;
    params.push(
      reportId,
      cell.table,
      cell.row,
      cell.column,
      nullable(p.cells[k]),
      nullable(p.cells[k + 1]),
      nullable(p.cells[k + 2]),
      nullable(p.cells[k + 3]),
    );
  });
  await stmt.figures(db, params);
  await stmt.findings(
    db,
    p.findings.map((f) => [reportId, f.code, f.severity, f.field ?? null, f.message]),
  );
  const carried = current
    ? await carryCorrections(db, {
        previousId: current.id,
        reportId,
        template: (p.template ?? '2021') as TemplateVersion,
        importedBy: p.importedBy,
        ip: p.ip ?? null,
        now,
      })
    : null;
  const touched = carried !== null && carried.carried + carried.toReview > 0;
  const counts = touched ? await stmt.counts(db, reportId) : undefined;
  // the parser's findings, unless carrying corrections re-ran the checks (only then read back)
  const found = touched
    ? await db
        .select({ severity: findings.severity, message: findings.message })
        .from(findings)
        .where(eq(findings.reportId, reportId))
        .orderBy(findings.id)
        .all()
    : p.findings.map((f) => ({ severity: f.severity, message: f.message }));
  return {
    file: p.file,
    status: current ? 'replaced' : 'imported',
    reportId,
    ...(current ? { replaces: current.id } : {}),
    findings: found,
    organization: { id: org.id, name: org.name, county: org.county },
    year: p.year,
    errors: counts?.errors ?? p.errors,
    warnings: counts?.warnings ?? p.warnings,
    ...(touched ? { corrections: carried } : {}),
  };
}

/** Imports one file: parse (skipped when the same bytes are already in), then one transaction. */
export async function importDocument(
  db: Db,
  input: ImportInput,
  onProgress?: (p: EngineProgress) => void,
  options: { askBeforeReplacing?: boolean } = {},
): Promise<ImportResult> {
  const sha256 = sha256Of(input.bytes);
  const existing = await ingestSql.reportBySha(db, sha256);
  if (existing) return { file: input.fileName, status: 'unchanged', reportId: existing.id, year: existing.year };
  const prepared = await prepareImport(input, sha256, onProgress);
  return isPrepared(prepared) ? commitImport(db, prepared, options) : prepared;
}
