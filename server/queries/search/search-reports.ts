import { sql } from 'drizzle-orm';
import type { SearchResult } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { cached } from '../../db/result-cache';
import { getOrganizations } from '../meta/get-organizations';

/** Lines shown per report, and reports per answer. */
const SNIPPETS = 3;
const MAX_REPORTS = 200;

type Hit = { count: number; snippets: SearchResult['snippets'] };
type Current = { reportId: number; organizationId: number; year: number; docId: number; sha256: string };

/**
 * What a search found in each document's text, by term and document: a stored document's text never
 * changes (source_documents rows are written once), so while reports keep arriving (a batch import beside 200 readers) a search reads only
 * the new ones' text, not the county's every time the data changes. Null: the text lacks the term.
 * Insertion-ordered, the oldest forgotten first past MAX_MEMO.
 */
const memos = new WeakMap<object, Map<string, Hit | null>>();
const MAX_MEMO = 100_000;
function memoOf(db: Db): Map<string, Hit | null> {
  let m = memos.get(db.$db);
  if (!m) {
    m = new Map();
    memos.set(db.$db, m);
  }
  return m;
}
const memoKey = (q: string, d: { docId: number; sha256: string }) => `${q}\u0000${d.docId}\u0000${d.sha256}`;

const currentReports = (db: Db, year: number | null) =>
  db.all<Current>(sql`select r.id as "reportId", r.organization_id as "organizationId", r.year, d.id as "docId", d.sha256
     from reports r join source_documents d on d.id = r.source_document_id
    where r.is_current = 1 and ${year === null ? sql`1 = 1` : sql`r.year = ${year}`}
    order by r.year desc, r.id`);

// Raw SQL. SQLite: drizzle has no FTS5 (MATCH, a virtual table migrations/0007_search.sql creates);
// the trigram index finds a phrase of three characters or more, and a shorter one (两字词 such as
// 公开) is found by scanning the current reports' text, still quick at a county's few hundred.
// PostgreSQL: always the scan (strpos), as the conservative subset has no trigram GIN index.
// Either way only among the documents asked (those not searched for this term before).
function textsContaining(db: Db, q: string, docIds: number[]): Promise<{ id: number; text: string }[]> {
  const ids = sql.join(
    docIds.map((id) => sql`${id}`),
    sql`, `,
  );
  if ([...q].length >= 3 && db.$db.dialect === 'sqlite')
    return db.all(sql`select d.id, d.extracted_text as text
       from source_text_fts f join source_documents d on d.id = f.rowid
      where source_text_fts match ${`"${q.replaceAll('"', '""')}"`} and d.id in (${ids})`);
  const found = db.$db.dialect === 'postgres' ? sql`strpos(d.extracted_text, ${q}) > 0` : sql`instr(d.extracted_text, ${q}) > 0`;
  return db.all(sql`select d.id, d.extracted_text as text from source_documents d where d.id in (${ids}) and ${found}`);
}

/** How often `q` is in a text, and the first lines it is on. */
function hitOf(text: string, q: string): Hit | null {
  const snippets: Hit['snippets'] = [];
  let count = 0;
  text.split('\n').forEach((line, i) => {
    const n = line.split(q).length - 1;
    if (n === 0) return;
    count += n;
    if (snippets.length < SNIPPETS) snippets.push({ line: i + 1, text: around(line, q) });
  });
  return count > 0 ? { count, snippets } : null;
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
  const memo = memoOf(db);
  const inScope = (await currentReports(db, p.year ?? null)).filter((r) => orgs.has(r.organizationId));
  const unread = inScope.filter((r) => !memo.has(memoKey(q, r)));
  // in slices: a parameter list stays well under either database's limit
  for (let i = 0; i < unread.length; i += 500) {
    const slice = unread.slice(i, i + 500);
    const texts = new Map(
      (
        await textsContaining(
          db,
          q,
          slice.map((r) => r.docId),
        )
      ).map((t) => [t.id, t.text]),
    );
    for (const r of slice) {
      const text = texts.get(r.docId);
      if (memo.size >= MAX_MEMO) memo.delete(memo.keys().next().value as string);
      memo.set(memoKey(q, r), text === undefined ? null : hitOf(text, q));
    }
  }
  const hits = inScope.flatMap((r) => {
    const hit = memo.get(memoKey(q, r));
    return hit ? [{ ...r, hit }] : [];
  });
  const results = hits.slice(0, MAX_REPORTS).map((r) => {
    const o = orgs.get(r.organizationId) as { id: number; name: string; county: string | null };
    return {
      reportId: r.reportId,
      organization: { id: o.id, name: o.name, county: o.county },
      year: r.year,
      count: r.hit.count,
      snippets: r.hit.snippets,
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
