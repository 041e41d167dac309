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
