import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { dataChanges } from './schema';
import { perConnection, statement } from './statement-cache';

/**
 * Results of analytic queries, kept until the data changes: every write transaction that changes
 * data bumps the change counter row (db/write.ts), read here once per lookup (a primary-key read),
 * whichever process wrote — this server, another one behind the same load balancer, an
 * `npm run ingest` beside it. `dataChanged` forgets this process's results without a write (the
 * benchmarks, to measure a computation rather than the cache).
 */
interface Entry {
  version: string;
  /** Results by bucket, then by key: a bucket's entries never push out another bucket's. */
  buckets: Map<string, Map<string, Promise<unknown>>>;
}

const entries = new WeakMap<object, Entry>();
const generation = new WeakMap<object, number>();
const MAX_ENTRIES = 500;

export function dataChanged(db: Db): void {
  generation.set(db.$db, (generation.get(db.$db) ?? 0) + 1);
}

// read at every cached lookup: prepared once per connection
const counter = perConnection((db: Db) =>
  statement(db, db.select({ n: dataChanges.n }).from(dataChanges).where(eq(dataChanges.id, 1))),
);

async function dataVersion(db: Db): Promise<string> {
  const r = await counter(db).get();
  return `${r?.n ?? 0}:${generation.get(db.$db) ?? 0}`;
}

/**
 * The result for `key`, computed once until the data changes. Results sit in buckets, each keeping
 * its newest `max` (a flood of distinct searches fills the search bucket, never pushing out the
 * rankings everybody reads).
 */
export async function cached<T>(
  db: Db,
  key: string,
  compute: () => Promise<T> | T,
  { bucket = 'default', max = MAX_ENTRIES }: { bucket?: string; max?: number } = {},
): Promise<T> {
  const version = await dataVersion(db);
  let entry = entries.get(db.$db);
  if (!entry || entry.version !== version) {
    entry = { version, buckets: new Map() };
    entries.set(db.$db, entry);
  }
  let values = entry.buckets.get(bucket);
  if (!values) {
    values = new Map();
    entry.buckets.set(bucket, values);
  }
  const hit = values.get(key);
  if (hit) return hit as Promise<T>;
  const value = Promise.resolve().then(compute);
  if (values.size >= max) values.delete(values.keys().next().value as string);
  values.set(key, value);
  // a failed computation is not kept
  const kept = values;
  value.catch(() => {
    if (kept.get(key) === value) kept.delete(key);
  });
  return value;
}
