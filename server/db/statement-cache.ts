import type Database from 'better-sqlite3';
import type { Db } from './client';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection and SQL text. */
export function prepared(db: Db, sql: string): Database.Statement {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  let stmt = byDb.get(sql);
  if (!stmt) {
    stmt = db.$client.prepare(sql);
    byDb.set(sql, stmt);
  }
  return stmt;
}

/**
 * Statements built once per connection by `build`, which writes them with drizzle's builder and
 * `.prepare()`s them: the builder's own cost (tens of µs) is paid once, not on every call, and a
 * column renamed in the schema is a type error here. Use `sql.placeholder('name')` for parameters.
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
