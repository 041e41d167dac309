import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Results of analytic queries, kept until the data changes. A change is a write through this
 * process (imports and corrections call `dataChanged`) or a commit by another connection: SQLite
 * reports those through PRAGMA data_version (an `npm run ingest` beside the server, or this
 * process's own transaction connection); on PostgreSQL every write transaction bumps the change
 * counter row (db/write.ts), read here once per lookup, so every server process behind a load
 * balancer sees another's import at once.
 */
interface Entry {
  version: string;
  values: Map<string, Promise<unknown>>;
}

const entries = new WeakMap<object, Entry>();
const generation = new WeakMap<object, number>();
const MAX_ENTRIES = 500;

export function dataChanged(db: Db): void {
  generation.set(db.$db, (generation.get(db.$db) ?? 0) + 1);
}

async function dataVersion(db: Db): Promise<string> {
  const local = generation.get(db.$db) ?? 0;
  if (db.$db.dialect === 'postgres') {
    const r = await db.get<{ n: number }>(sql`select n from data_changes where id = 1`);
    return `${r?.n ?? 0}:${local}`;
  }
  return `${db.$db.sqlite?.pragma('data_version', { simple: true })}:${local}`;
}

export async function cached<T>(db: Db, key: string, compute: () => Promise<T> | T): Promise<T> {
  const version = await dataVersion(db);
  let entry = entries.get(db.$db);
  if (!entry || entry.version !== version) {
    entry = { version, values: new Map() };
    entries.set(db.$db, entry);
  }
  const hit = entry.values.get(key);
  if (hit) return hit as Promise<T>;
  const value = Promise.resolve().then(compute);
  if (entry.values.size >= MAX_ENTRIES) entry.values.delete(entry.values.keys().next().value as string);
  entry.values.set(key, value);
  // a failed computation is not kept
  value.catch(() => {
    if (entry.values.get(key) === value) entry.values.delete(key);
  });
  return value;
}
