import type { Db } from '../db/client';
import { prepared } from '../db/statement-cache';
import { INSERT_COUNTY } from '../queries/accounts/counties';

/**
 * The import's hot path as prepared statements, built once per connection. Raw better-sqlite3:
 * drizzle's query building and per-parameter mapping cost more than the writes themselves
 * (12 ms → 1 ms per report, measured with scripts/bench-ingest.ts). Column names are those of
 * server/db/schema.ts, which stays the single definition of the tables.
 */
function prepare(db: Db) {
  const c = db.$client;
  return {
    reportBySha: c.prepare<[string], { id: number; year: number }>(
      'select r.id, r.year from reports r join source_documents d on d.id = r.source_document_id where d.sha256 = ?',
    ),
    orgIdsByAlias: c.prepare<[string], { id: number }>(
      'select distinct organization_id as id from organization_aliases where alias in (select value from json_each(?))',
    ),
    aliasesOfOrg: c.prepare<[number], { alias: string }>('select alias from organization_aliases where organization_id = ?'),
    insertAlias: c.prepare('insert into organization_aliases (organization_id, alias) values (?, ?)'),
    insertCounty: c.prepare(INSERT_COUNTY),
    currentReport: c.prepare<[number, number], { id: number }>(
      'select id from reports where organization_id = ? and year = ? and is_current = 1',
    ),
    supersede: c.prepare('update reports set is_current = 0, superseded_at = ? where id = ?'),
    linkSuccessor: c.prepare('update reports set superseded_by_id = ? where id = ?'),
    insertDocument: c.prepare(
      `insert into source_documents (sha256, file_name, media_type, format, size, bytes, extracted_text, imported_at, imported_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertReport: c.prepare(
      `insert into reports (organization_id, source_document_id, year, template, published_on, proactive_total, proactive_approx,
         is_current, parsed, error_count, warning_count, imported_at)
       values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ),
    category: c.prepare('insert into proactive_categories (report_id, position, label, category, count) values (?, ?, ?, ?, ?)'),
    finding: c.prepare('insert into findings (report_id, code, severity, field, message) values (?, ?, ?, ?, ?)'),
    counts: c.prepare<[number], { errors: number; warnings: number }>(
      'select error_count as errors, warning_count as warnings from reports where id = ?',
    ),
  };
}

export type ImportStatements = ReturnType<typeof prepare>;

const cache = new WeakMap<Db, ImportStatements>();
/** All of one report's cells in one statement: one call instead of 200 (a third of the write time). */
export function figuresStatement(db: Db, cells: number) {
  const rows = Array.from({ length: cells }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  return prepared(
    db,
    `insert into table_figures (report_id, table_name, row_key, column_key, value, source_start, source_end, source_line) values ${rows}`,
  );
}

export function importStatements(db: Db): ImportStatements {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}
