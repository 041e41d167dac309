import { and, eq, isNull } from 'drizzle-orm';
import { fieldLabel } from '../../shared/report/fields';
import { READER_VERSION, sameOrg, type TemplateVersion, templateCells } from '../../shared/report/index';
import type { ParsedReport } from '../../shared/report/types';
import type { RereadEntry } from '../../shared/schemas/index';
import { appendAudit } from '../auth/audit';
import type { Db } from '../db/client';
import { organizations, proactiveCategories, reports, sourceDocuments, tableFigures } from '../db/schema';
import { writeTransaction } from '../db/write';
import { writeReport } from './import-report';
import { isPrepared, type PreparedReport, prepareImport } from './prepare-import';

export type { RereadEntry } from '../../shared/schemas/index';

/** Which current reports to re-read: one report, a county's year (either may be left out), or all. */
export interface RereadScope {
  reportId?: number;
  county?: string;
  year?: number;
}

interface Stored {
  id: number;
  year: number;
  template: string | null;
  total: number | null;
  parsed: ParsedReport;
  readerVersion: string | null;
  documentId: number;
  fileName: string;
  bytes: Buffer;
  importedBy: string;
  org: { id: number; name: string; county: string | null };
}

/** The current reports in scope with their originals. */
async function storedReports(db: Db, scope: RereadScope): Promise<Stored[]> {
  const r = reports;
  const o = organizations;
  const d = sourceDocuments;
  const where = [eq(r.isCurrent, true)];
  if (scope.reportId !== undefined) where.push(eq(r.id, scope.reportId));
  if (scope.county !== undefined) where.push(eq(o.county, scope.county));
  if (scope.year !== undefined) where.push(eq(r.year, scope.year));
  const rows = await db
    .select({
      id: r.id,
      year: r.year,
      template: r.template,
      total: r.proactiveTotal,
      parsed: r.parsed,
      readerVersion: r.readerVersion,
      documentId: d.id,
      fileName: d.fileName,
      bytes: d.bytes,
      importedBy: d.importedBy,
      orgId: o.id,
      orgName: o.name,
      county: o.county,
    })
    .from(r)
    .innerJoin(o, eq(o.id, r.organizationId))
    .innerJoin(d, eq(d.id, r.sourceDocumentId))
    .where(and(...where))
    .orderBy(o.county, o.name, r.year)
    .all();
  return rows.map((x) => ({
    ...x,
    parsed: x.parsed as ParsedReport,
    org: { id: x.orgId, name: x.orgName, county: x.county },
  }));
}

/** Every figure of a reading as the parser gave it (never a correction): the total, categories by label, cells by path. */
async function storedFigures(db: Db, s: Stored): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>([['proactive.total', s.total]]);
  for (const c of await db
    .select({ label: proactiveCategories.label, count: proactiveCategories.count })
    .from(proactiveCategories)
    .where(eq(proactiveCategories.reportId, s.id))
    .all())
    out.set(`category:${c.label}`, c.count);
  const paths = new Map(templateCells((s.template ?? '2021') as TemplateVersion).map((c) => [`${c.row} ${c.column}`, c.path]));
  for (const f of await db
    .select({ row: tableFigures.rowKey, column: tableFigures.columnKey, value: tableFigures.value })
    .from(tableFigures)
    .where(eq(tableFigures.reportId, s.id))
    .all()) {
    const path = paths.get(`${f.row} ${f.column}`);
    if (path) out.set(path, f.value);
  }
  return out;
}

function preparedFigures(p: PreparedReport): Map<string, number | null> {
  const out = new Map<string, number | null>([['proactive.total', p.proactiveTotal]]);
  for (const c of p.categories) out.set(`category:${c.label}`, c.count);
  templateCells((p.template ?? '2021') as TemplateVersion).forEach((cell, i) => {
    const v = p.cells[i * 4] as number;
    out.set(cell.path, Number.isNaN(v) ? null : v);
  });
  return out;
}

/** Reads a stored report's original again with today's reader; its unit stays the one it is filed under unless the text now names another. */
async function reread(s: Stored): Promise<PreparedReport | { zh: string; en: string }> {
  const prepared = await prepareImport({
    bytes: s.bytes,
    fileName: s.fileName,
    county: s.org.county,
    // the file's importer, as when it was first read (findings name who chose a unit by hand)
    importedBy: s.importedBy,
    // a report filed by hand under a unit its text does not name stays under it, said as when it was filed
    unit: { name: s.org.name },
  });
  if (!isPrepared(prepared)) return prepared.reason ?? { zh: '重新读取失败', en: 'reread failed' };
  return prepared;
}

/** What re-reading a stored report would change: its figures as read, its unit, its findings. */
async function compare(db: Db, s: Stored, p: PreparedReport | { zh: string; en: string }): Promise<RereadEntry> {
  const entry: RereadEntry = {
    reportId: s.id,
    organization: s.org,
    year: s.year,
    readerVersion: s.readerVersion,
    changes: [],
    unit: null,
    findingsAdded: [],
    findingsRemoved: [],
  };
  if (!('sha256' in p)) return { ...entry, failed: p };
  if (p.year !== s.year)
    return {
      ...entry,
      failed: { zh: `重新读取得到的年度为 ${p.year}（原为 ${s.year}），未自动应用，请单独导入`, en: 'year differs' },
    };
  const before = await storedFigures(db, s);
  const after = preparedFigures(p);
  const template = (p.template ?? '2021') as TemplateVersion;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const from = before.get(key) ?? null;
    const to = after.get(key) ?? null;
    if (from === to) continue;
    const label = key.startsWith('category:') ? `主动公开分类“${key.slice(9)}”` : fieldLabel(key, template);
    entry.changes.push({ field: key, label, from, to });
  }
  const byHand = p.findings.some((f) => f.code === 'org.assigned');
  if (!byHand && !sameOrg(p.identity.name, s.org.name)) {
    entry.unit = { from: s.org.name, to: p.identity.name };
  }
  const was = new Set(s.parsed.findings.map((f) => f.message));
  const now = new Set(p.findings.map((f) => f.message));
  entry.findingsAdded = [...now].filter((m) => !was.has(m));
  entry.findingsRemoved = [...was].filter((m) => !now.has(m));
  return entry;
}

const changed = (e: RereadEntry) =>
  e.failed !== undefined || e.changes.length > 0 || e.unit !== null || e.findingsAdded.length > 0 || e.findingsRemoved.length > 0;

/**
 * What re-reading the reports in scope with today's reader would change, report by report (only
 * the ones that would change, or could not be read); nothing is written.
 */
export async function rereadPreview(
  db: Db,
  scope: RereadScope,
): Promise<{ reader: string; checked: number; reports: RereadEntry[] }> {
  const stored = await storedReports(db, scope);
  const out: RereadEntry[] = [];
  for (const s of stored) {
    const e = await compare(db, s, await reread(s));
    if (changed(e)) out.push(e);
  }
  return { reader: READER_VERSION, checked: stored.length, reports: out };
}

/**
 * Re-reads the given current reports and, where the reading changes anything, writes it as a new
 * version of the same original (one transaction per report): corrections are kept where the figure
 * they correct reads as before and flagged for review otherwise; one audit line per report.
 */
export async function rereadApply(
  db: Db,
  reportIds: readonly number[],
  by: { actor: string; ip: string | null },
): Promise<{ applied: { from: number; to: number }[]; skipped: { reportId: number; reason: string }[] }> {
  const applied: { from: number; to: number }[] = [];
  const skipped: { reportId: number; reason: string }[] = [];
  for (const id of reportIds) {
    const [s] = await storedReports(db, { reportId: id });
    if (!s) {
      skipped.push({ reportId: id, reason: '不是现行版本（已被替换或不存在）' });
      continue;
    }
    const p = await reread(s);
    const entry = await compare(db, s, p);
    if (entry.failed || !('sha256' in p)) {
      skipped.push({ reportId: id, reason: entry.failed?.zh ?? '重新读取失败' });
      continue;
    }
    if (!changed(entry)) {
      skipped.push({ reportId: id, reason: '重新读取结果没有变化' });
      continue;
    }
    const done = await writeTransaction(db, async (tx) => {
      // still the current version: a report replaced meanwhile is not re-read over its successor
      const now = await tx.select({ current: reports.isCurrent }).from(reports).where(eq(reports.id, id)).get();
      if (!now?.current) return null;
      const r = await writeReport(tx, { ...p, identity: { ...p.identity, organizationId: s.org.id } }, s.documentId);
      // an original stored before layouts were kept gets its layout (the figure outlined on its page)
      if (p.layout) {
        await tx
          .update(sourceDocuments)
          .set({ layout: p.layout })
          .where(and(eq(sourceDocuments.id, s.documentId), isNull(sourceDocuments.layout)))
          .run();
      }
      await appendAudit(tx, {
        actor: by.actor,
        ip: by.ip,
        action: 'report.reread',
        target: `report ${id}`,
        detail: {
          organization: s.org.name,
          year: s.year,
          newReportId: r.reportId ?? null,
          readerFrom: s.readerVersion,
          readerTo: READER_VERSION,
          figuresChanged: entry.changes.length,
          corrections: r.corrections ?? null,
        },
      });
      return r.reportId ?? null;
    });
    if (done === null) skipped.push({ reportId: id, reason: '不是现行版本（已被替换）' });
    else applied.push({ from: id, to: done });
  }
  return { applied, skipped };
}
