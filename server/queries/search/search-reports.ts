import { sql } from 'drizzle-orm';
import type { SearchResult } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { cached } from '../../db/result-cache';
import { getOrganizations } from '../meta/get-organizations';

/** Lines shown per report, and reports per answer. */
const SNIPPETS = 3;
const MAX_REPORTS = 200;

type Row = { reportId: number; organizationId: number; year: number; text: string };
const COLUMNS = sql`r.id as "reportId", r.organization_id as "organizationId", r.year, d.extracted_text as text`;

// Raw SQL. SQLite: drizzle has no FTS5 (MATCH, a virtual table migrations/0007_search.sql creates);
// the trigram index finds a phrase of three characters or more, and a shorter one (两字词 such as
// 公开) is found by scanning the current reports' text, still quick at a county's few hundred.
// PostgreSQL: always the scan (strpos), as the conservative subset has no trigram GIN index.
function byIndex(db: Db, q: string, year: number | null): Promise<Row[]> {
  return db.all<Row>(sql`select ${COLUMNS}
     from source_text_fts f join source_documents d on d.id = f.rowid join reports r on r.source_document_id = d.id
    where source_text_fts match ${`"${q.replaceAll('"', '""')}"`} and r.is_current = 1 and ${year === null ? sql`1 = 1` : sql`r.year = ${year}`}
    order by r.year desc, r.id`);
}
function byScan(db: Db, q: string, year: number | null): Promise<Row[]> {
  const found = db.$db.dialect === 'postgres' ? sql`strpos(d.extracted_text, ${q}) > 0` : sql`instr(d.extracted_text, ${q}) > 0`;
  // the year compared as an integer parameter on both databases
  const ofYear = year === null ? sql`1 = 1` : sql`r.year = ${year}`;
  return db.all<Row>(sql`select ${COLUMNS}
     from reports r join source_documents d on d.id = r.source_document_id
    where r.is_current = 1 and ${ofYear} and ${found}
    order by r.year desc, r.id`);
}

/**
 * The current reports whose text contains `q` (as typed, spaces kept out), with how often and the
 * first lines it is on, for the county (or all) and year (or all) asked.
 */
/** The search, kept until the data changes (its own bucket: distinct searches never push out other answers). */
export function searchReports(
  db: Db,
  p: { q: string; year?: number; county?: string },
): Promise<{ total: number; results: SearchResult[] }> {
  return cached(db, `search|${p.q}|${p.year ?? ''}|${p.county ?? '*'}`, () => searchUncached(db, p), {
    bucket: 'search',
    max: 200,
  });
}

async function searchUncached(
  db: Db,
  p: { q: string; year?: number; county?: string },
): Promise<{ total: number; results: SearchResult[] }> {
  const q = p.q.replace(/\s+/g, '');
  if (q.length === 0) return { total: 0, results: [] };
  const orgs = new Map((await getOrganizations(db, p.county)).map((o) => [o.id, o]));
  const year = p.year ?? null;
  const rows = [...q].length >= 3 && db.$db.dialect === 'sqlite' ? await byIndex(db, q, year) : await byScan(db, q, year);
  const hits = rows.filter((r) => orgs.has(r.organizationId));
  const results = hits.slice(0, MAX_REPORTS).map((r) => {
    const lines = r.text.split('\n');
    const at: SearchResult['snippets'] = [];
    let count = 0;
    lines.forEach((line, i) => {
      const n = line.split(q).length - 1;
      if (n === 0) return;
      count += n;
      if (at.length < SNIPPETS) at.push({ line: i + 1, text: around(line, q) });
    });
    const o = orgs.get(r.organizationId) as { id: number; name: string; county: string | null };
    return {
      reportId: r.reportId,
      organization: { id: o.id, name: o.name, county: o.county },
      year: r.year,
      count,
      snippets: at,
    };
  });
  return { total: hits.length, results };
}

/** The part of a long line around the first place `q` is, about 60 characters either side. */
function around(line: string, q: string): string {
  const i = line.indexOf(q);
  const from = Math.max(0, i - 60);
  const to = Math.min(line.length, i + q.length + 60);
  return `${from > 0 ? '…' : ''}${line.slice(from, to).trim()}${to < line.length ? '…' : ''}`;
}
