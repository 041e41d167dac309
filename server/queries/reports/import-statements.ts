import type { Db } from '../../db/client';
import { rawSql } from '../../db/statement-cache';
import { INSERT_COUNTY } from '../accounts/counties';

/**
 * The import's hot path as raw SQL that both databases speak (`?` parameters, `returning`, `on
 * conflict`), run by `rawSql` (db/statement-cache.ts): prepared once per connection and run by
 * better-sqlite3 itself on SQLite — drizzle's query building and per-parameter mapping cost more
 * than the writes (12 ms → 1 ms per report, measured with scripts/bench-ingest.ts) — and a named
 * prepared statement on PostgreSQL. Column names are those of server/db/schema.ts, the single
 * definition of the tables.
 */
async function query<T>(db: Db, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await rawSql<T>(db, text, params)).rows;
}

async function changes(db: Db, text: string, params: readonly unknown[]): Promise<number> {
  return (await rawSql(db, text, params)).changes;
}

const one = async <T>(rows: Promise<T[]>) => (await rows)[0];

/** Rows of `width` values each (`values` flat) into `target` (`table (columns…)`), in one statement. */
function insertRows(db: Db, target: string, width: number, values: readonly unknown[]): Promise<number> {
  if (values.length === 0) return Promise.resolve(0);
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return changes(
    db,
    `insert into ${target} values ${Array.from({ length: values.length / width }, () => row).join(', ')}`,
    values,
  );
}

export const ingestSql = {
  reportBySha: (db: Db, sha256: string) =>
    one(
      query<{ id: number; year: number }>(
        db,
        'select r.id, r.year from reports r join source_documents d on d.id = r.source_document_id where d.sha256 = ?',
        [sha256],
      ),
    ),
  orgIdsByAlias: (db: Db, aliases: readonly string[]) =>
    aliases.length === 0
      ? Promise.resolve([])
      : query<{ id: number }>(
          db,
          `select distinct organization_id as id from organization_aliases where alias in (${aliases.map(() => '?').join(', ')})`,
          aliases,
        ),
  aliasesOfOrg: (db: Db, orgId: number) =>
    query<{ alias: string }>(db, 'select alias from organization_aliases where organization_id = ?', [orgId]),
  insertAlias: (db: Db, orgId: number, alias: string) =>
    changes(db, 'insert into organization_aliases (organization_id, alias) values (?, ?)', [orgId, alias]),
  insertCounty: (db: Db, name: string, at: string, by: string) => changes(db, INSERT_COUNTY, [name, at, by]),
  currentReport: (db: Db, orgId: number, year: number) =>
    one(
      query<{ id: number }>(db, 'select id from reports where organization_id = ? and year = ? and is_current = 1', [
        orgId,
        year,
      ]),
    ),
  supersede: (db: Db, at: string, id: number) =>
    changes(db, 'update reports set is_current = 0, superseded_at = ? where id = ?', [at, id]),
  linkSuccessor: (db: Db, successor: number, id: number) =>
    changes(db, 'update reports set superseded_by_id = ? where id = ?', [successor, id]),
  insertDocument: async (db: Db, values: readonly unknown[]) =>
    (
      await query<{ id: number }>(
        db,
        `insert into source_documents (sha256, file_name, media_type, format, size, bytes, extracted_text, imported_at, imported_by, layout)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        values,
      )
    )[0]?.id as number,
  insertReport: async (db: Db, values: readonly unknown[]) =>
    (
      await query<{ id: number }>(
        db,
        `insert into reports (organization_id, source_document_id, year, template, published_on, published_from, proactive_total,
           proactive_approx, is_current, parsed, error_count, warning_count, imported_at, reader_version)
         values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) returning id`,
        values,
      )
    )[0]?.id as number,
  /** A report's categories in one statement. */
  categories: (db: Db, rows: readonly (readonly unknown[])[]) =>
    insertRows(db, 'proactive_categories (report_id, position, label, category, count)', 5, rows.flat()),
  /** A report's findings in one statement. */
  findings: (db: Db, rows: readonly (readonly unknown[])[]) =>
    insertRows(db, 'findings (report_id, code, severity, field, message)', 5, rows.flat()),
  counts: (db: Db, reportId: number) =>
    one(
      query<{ errors: number; warnings: number }>(
        db,
        'select error_count as errors, warning_count as warnings from reports where id = ?',
        [reportId],
      ),
    ),
  /** All of one report's cells in one statement: one call instead of 200 (a third of the write time). */
  figures: (db: Db, params: readonly unknown[]) =>
    insertRows(
      db,
      'table_figures (report_id, table_name, row_key, column_key, value, source_start, source_end, source_line)',
      8,
      params,
    ),
};
