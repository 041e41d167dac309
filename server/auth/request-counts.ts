/**
 * What refused and anonymous requests did, as counts per address, kind and minute: one row a
 * window (request_counts), however many requests arrive. The audit log records what a person did;
 * a flood of refused sign-ins or anonymous downloads adds to a count, not a row a request.
 * Counts gather in memory and are written every few seconds (and when the server stops).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requestCounts } from '../db/schema';
import { writeTransaction } from '../db/write';

export type CountedKind = 'login.throttled' | 'download.anonymous' | 'rate.limited';

const FLUSH_MS = 5000;
/** Distinct address-kind pairs held before a write is forced (a spray from many addresses). */
const MAX_PENDING = 5000;

const pending = new WeakMap<object, Map<string, number>>();
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

const minute = (at: Date) => at.toISOString().slice(0, 16);

/** Counts one request of `kind` from `ip` in this minute. */
export function countRequest(db: Db, ip: string, kind: CountedKind, at = new Date()): void {
  const handle = db.$db;
  let m = pending.get(handle);
  if (!m) {
    m = new Map();
    pending.set(handle, m);
  }
  const key = `${minute(at)}\u0000${ip.slice(0, 64)}\u0000${kind}`;
  m.set(key, (m.get(key) ?? 0) + 1);
  if (m.size >= MAX_PENDING) {
    void flushRequestCounts(db);
    return;
  }
  if (!timers.has(handle)) {
    const t = setTimeout(() => {
      void flushRequestCounts(db);
    }, FLUSH_MS);
    t.unref();
    timers.set(handle, t);
  }
}

/** Writes the gathered counts (one upsert a window, address and kind); a failed write is logged by the caller's process only. */
export async function flushRequestCounts(db: Db): Promise<void> {
  const handle = db.$db;
  const t = timers.get(handle);
  if (t) clearTimeout(t);
  timers.delete(handle);
  const m = pending.get(handle);
  if (!m || m.size === 0) return;
  pending.delete(handle);
  const rows = [...m].map(([key, n]) => {
    const [window, ip, kind] = key.split('\u0000') as [string, string, string];
    return { window, ip, kind, n };
  });
  try {
    await writeTransaction(
      db,
      async (tx) => {
        for (let i = 0; i < rows.length; i += 200) {
          await tx
            .insert(requestCounts)
            .values(rows.slice(i, i + 200))
            .onConflictDoUpdate({
              target: [requestCounts.window, requestCounts.ip, requestCounts.kind],
              set: { n: sql`${requestCounts.n} + excluded.n` },
            })
            .run();
        }
      },
      { changesData: false },
    );
  } catch {
    // the counts are a volume measure: losing a few seconds of them (disk full, database gone) is no harm
  }
}
