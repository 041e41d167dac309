import type { Db } from './client';

/**
 * Results of analytic queries, kept until the data changes. A change is either a write through
 * this process (imports and corrections call `dataChanged`) or a commit by another connection
 * (an `npm run ingest` beside the server), which SQLite reports through PRAGMA data_version.
 */
interface Entry {
  version: string;
  values: Map<string, unknown>;
}

const entries = new WeakMap<Db, Entry>();
const generation = new WeakMap<Db, number>();
const MAX_ENTRIES = 500;

export function dataChanged(db: Db): void {
  generation.set(db, (generation.get(db) ?? 0) + 1);
}

export function cached<T>(db: Db, key: string, compute: () => T): T {
  const version = `${db.$client.pragma('data_version', { simple: true })}:${generation.get(db) ?? 0}`;
  let entry = entries.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, values: new Map() };
    entries.set(db, entry);
  }
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  if (entry.values.size >= MAX_ENTRIES) entry.values.delete(entry.values.keys().next().value as string);
  entry.values.set(key, value);
  return value;
}
