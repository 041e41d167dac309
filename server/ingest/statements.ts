import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { INSERT_COUNTY } from '../queries/accounts/counties';

/**
 * The import's hot path as raw SQL that both databases speak (`?` parameters, `returning`, `on
 * conflict`). On SQLite each text is prepared once per connection and run by better-sqlite3 itself:
 * drizzle's query building and per-parameter mapping cost more than the writes (12 ms → 1 ms per
 * report, measured with scripts/bench-ingest.ts). On PostgreSQL the same text is sent with its
 * parameters bound. Column names are those of server/db/schema.ts, the single definition of the tables.
 */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(c: Database.Database, text: string): Database.Statement {
  let byText = cache.get(c);
  if (!byText) {
    byText = new Map();
    cache.set(c, byText);
  }
  let s = byText.get(text);
  if (!s) {
    s = c.prepare(text);
    byText.set(text, s);
  }
  return s;
}

/** `?` placeholders bound in order, as drizzle SQL (for PostgreSQL, which numbers them). */
export function bound(text: string, params: readonly unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${params.length} parameters for ${parts.length - 1} placeholders`);
  return sql.join(parts.flatMap((part, i) => (i < params.length ? [sql.raw(part), sql`${params[i]}`] : [sql.raw(part)])));
}

/** PostgreSQL's form of a statement: `$1…$n` placeholders, and a name, so each connection parses and plans it once. */
const pgForms = new Map<string, { name: string; text: string }>();
function pgForm(text: string): { name: string; text: string } {
  let f = pgForms.get(text);
  if (!f) {
    let i = 0;
    f = {
      name: `ingest_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`,
      text: text.replace(/\?/g, () => `$${++i}`),
    };
    pgForms.set(text, f);
  }
  return f;
}

/** One statement with `?` parameters: its rows and how many rows it changed. */
async function execute<T>(db: Db, text: string, params: readonly unknown[]): Promise<{ rows: T[]; changes: number }> {
  const h = db.$db;
  if (h.dialect === 'sqlite') {
    const c = (db.$inTransaction ? h.sqliteWriter : h.sqlite) as Database.Database;
    const s = sqliteStatement(c, text);
    if (s.reader) return { rows: s.all(...params) as T[], changes: 0 };
    return { rows: [], changes: s.run(...params).changes };
  }
  // straight to the transaction's connection (or the pool): drizzle's SQL building cost more than
  // the statements here (a report's 1,600 cell parameters)
  // inside a transaction only its own connection will do: the pool would write outside it
  const client = db.$inTransaction ? db.$pgClient : h.pool;
  if (!client) throw new Error(db.$inTransaction ? "the transaction's connection is unknown" : 'no PostgreSQL pool');
  const r = await client.query({ ...pgForm(text), values: params as unknown[] });
  return { rows: r.rows as T[], changes: r.rowCount ?? 0 };
}

async function query<T>(db: Db, text: string, params: readonly unknown[]): Promise<T[]> {
  return (await execute<T>(db, text, params)).rows;
}

async function changes(db: Db, text: string, params: readonly unknown[]): Promise<number> {
  return (await execute(db, text, params)).changes;
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
        `insert into source_documents (sha256, file_name, media_type, format, size, bytes, extracted_text, imported_at, imported_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        values,
      )
    )[0]?.id as number,
  insertReport: async (db: Db, values: readonly unknown[]) =>
    (
      await query<{ id: number }>(
        db,
        `insert into reports (organization_id, source_document_id, year, template, published_on, proactive_total, proactive_approx,
           is_current, parsed, error_count, warning_count, imported_at)
         values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) returning id`,
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
