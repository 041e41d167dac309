/**
 * The database's integrity, checked now and then (SQLite's quick_check, in a worker thread on a
 * read-only connection of its own, so the server goes on answering while it runs): a page gone bad
 * in a table the health check's one read does not touch (the accounts, say) still makes
 * /api/health say the database is not well. PostgreSQL checks its own pages: nothing to do there.
 */
import type { FastifyBaseLogger } from 'fastify';
import { siblingModule, startWorker } from '../workers/ts-worker';
import type { Db } from './client';

export interface Integrity {
  /** 'ok', or what the last check found; null before the first check ends. */
  result: string | null;
  checkedAt: string | null;
}

const state = new WeakMap<object, Integrity>();

export function integrityOf(db: Db): Integrity {
  return state.get(db.$db) ?? { result: null, checkedAt: null };
}

/** One check of the database file; resolves with 'ok' or what is wrong. */
export function checkIntegrity(db: Db): Promise<string> {
  const path = db.$db.location;
  if (db.$db.dialect !== 'sqlite' || path === ':memory:') return Promise.resolve('ok');
  return new Promise((resolve) => {
    const w = startWorker(siblingModule(import.meta.url, 'integrity-worker'), { workerData: { path } });
    w.once('message', (result: string) => {
      state.set(db.$db, { result, checkedAt: new Date().toISOString() });
      resolve(result);
      void w.terminate();
    });
    w.once('error', (err) => resolve(`check failed: ${err.message}`));
  });
}

/** Checks now, then every `everyMs`; returns a stop function. */
export function startIntegrityChecks(db: Db, everyMs: number, log: FastifyBaseLogger): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await checkIntegrity(db);
      if (result !== 'ok') log.error({ result: result.slice(0, 500) }, 'database integrity check failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
