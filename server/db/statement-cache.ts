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

/** Chinese collation for names (pinyin order), created once: `localeCompare` with a locale rebuilds it each call. */
export const byName = new Intl.Collator('zh-Hans-CN').compare;
