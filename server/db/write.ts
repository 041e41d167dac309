import type { Db } from './client';

/** The database stayed locked by another process for longer than a write may wait. */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the database stayed locked by another writer for ${Math.round(waitedMs)} ms`);
    this.name = 'DatabaseBusyError';
  }
}

/** SQLite could not write for want of disk space (or of room under the database's size limit). */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/**
 * Runs `fn` as one IMMEDIATE transaction: the write lock is taken at BEGIN, so a read inside the
 * transaction can never be overtaken by another process's commit (the SQLITE_BUSY_SNAPSHOT a
 * deferred transaction meets when it upgrades). While another process (a batch import) holds the
 * lock, it waits between attempts with timers instead of SQLite's busy handler, so a server's event
 * loop keeps answering readers. Attempts come every millisecond or so, so the short pauses a batch
 * import leaves between its reports (import-pipeline.ts) are enough to get in.
 */
export async function writeTransaction<T>(db: Db, fn: () => T, timeoutMs = 30_000): Promise<T> {
  const c = db.$client;
  const run = c.transaction(fn);
  const t0 = performance.now();
  // the connection's own setting, put back after each attempt (before any other code can run)
  const busyTimeout = c.pragma('busy_timeout', { simple: true }) as number;
  for (;;) {
    c.pragma('busy_timeout = 0');
    try {
      return run.immediate();
    } catch (e) {
      if (!isBusy(e)) throw e;
      const waited = performance.now() - t0;
      if (waited > timeoutMs) throw new DatabaseBusyError(waited);
    } finally {
      c.pragma(`busy_timeout = ${busyTimeout}`);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}
