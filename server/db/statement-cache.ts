import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from './client';

/** A query prepared once per connection, with named `sql.placeholder`s, on either database. */
export interface Statement<Row> {
  all(params?: Record<string, unknown>): Promise<Row[]>;
  get(params?: Record<string, unknown>): Promise<Row | undefined>;
  run(params?: Record<string, unknown>): Promise<void>;
}

interface Preparable {
  prepare(): unknown;
}
interface SqlitePrepared {
  all(p?: unknown): unknown[];
  get(p?: unknown): unknown;
  run(p?: unknown): unknown;
}
interface PgPrepared {
  execute(p?: unknown): Promise<unknown>;
}

type RowOf<Q> = Awaited<Q> extends (infer R)[] ? R : never;

/**
 * A built query prepared once: SQLite compiles it once per connection; PostgreSQL's drizzle keeps
 * the built SQL text, so the builder's cost (tens of µs) is paid once either way.
 */
export function statement<Q extends Preparable & PromiseLike<unknown>>(db: Db, query: Q): Statement<RowOf<Q>> {
  if (db.$db.dialect === 'postgres') {
    const p = query.prepare() as PgPrepared;
    const all = async (params?: Record<string, unknown>) => (await p.execute(params ?? {})) as RowOf<Q>[];
    return {
      all,
      get: async (params) => (await all(params))[0],
      run: async (params) => {
        await p.execute(params ?? {});
      },
    };
  }
  const p = query.prepare() as SqlitePrepared;
  return {
    all: async (params) => p.all(params ?? {}) as RowOf<Q>[],
    get: async (params) => p.get(params ?? {}) as RowOf<Q> | undefined,
    run: async (params) => {
      p.run(params ?? {});
    },
  };
}

/**
 * Statements built once per connection (a transaction's handle is its own) by `build`, which writes
 * them with drizzle's builder and `statement()`: a column renamed in the schema is a type error here.
 * Use `sql.placeholder('name')` for parameters.
 */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let s = built.get(db);
    if (!s) {
      s = build(db);
      built.set(db, s);
    }
    return s;
  };
}

const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(c: Database.Database, text: string): Database.Statement {
  let byText = sqliteStatements.get(c);
  if (!byText) {
    byText = new Map();
    sqliteStatements.set(c, byText);
  }
  let s = byText.get(text);
  if (!s) {
    s = c.prepare(text);
    byText.set(text, s);
  }
  return s;
}

/** PostgreSQL's form of a statement: `$1…$n` placeholders, and a name, so each connection parses and plans it once. */
const pgForms = new Map<string, { name: string; text: string }>();
function pgForm(text: string): { name: string; text: string } {
  let f = pgForms.get(text);
  if (!f) {
    let i = 0;
    f = {
      name: `raw_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`,
      text: text.replace(/\?/g, () => `$${++i}`),
    };
    pgForms.set(text, f);
  }
  return f;
}

/**
 * Raw SQL with `?` parameters bound in order, on either database, prepared once per connection
 * (better-sqlite3's statement; a named prepared statement on PostgreSQL), sent straight to the
 * connection without drizzle's SQL building (which cost more than the import's statements: a
 * report's 1,600 cell parameters). Its rows as the database gives them, and how many it changed.
 * Write SQL both databases speak.
 */
export async function rawSql<T = Record<string, unknown>>(
  db: Db,
  text: string,
  params: readonly unknown[],
): Promise<{ rows: T[]; changes: number }> {
  const h = db.$db;
  if (h.dialect === 'sqlite') {
    const c = (db.$inTransaction ? h.sqliteWriter : h.sqlite) as Database.Database;
    const s = sqliteStatement(c, text);
    if (s.reader) return { rows: s.all(...params) as T[], changes: 0 };
    return { rows: [], changes: s.run(...params).changes };
  }
  // inside a transaction only its own connection will do: the pool would write outside it
  const client = db.$inTransaction ? db.$pgClient : h.pool;
  if (!client) throw new Error(db.$inTransaction ? "the transaction's connection is unknown" : 'no PostgreSQL pool');
  const r = await client.query({ ...pgForm(text), values: params as unknown[] });
  return { rows: r.rows as T[], changes: r.rowCount ?? 0 };
}
