import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** The database stayed locked by another process for longer than a write may wait. */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the database stayed locked by another writer for ${Math.round(waitedMs)} ms`);
    this.name = 'DatabaseBusyError';
  }
}

/**
 * The database driver's own error: drizzle wraps it (DrizzleQueryError, with the SQL) as `cause`,
 * the raw statements of server/queries/reports/import-statements.ts throw it as it is.
 */
function driverError(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 3 && e && typeof e === 'object' && !('code' in e) && 'cause' in e; i++) e = (e as { cause: unknown }).cause;
  return e;
}

/** The database could not write for want of disk space (or of room under the database's size limit). */
export function isDiskFull(err: unknown): boolean {
  const code = (driverError(err) as { code?: unknown } | null)?.code;
  // SQLite's code, the OS's, and PostgreSQL's 53100 disk_full
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100';
}

/**
 * The database server cannot be reached or is shutting down (PostgreSQL restarted, the network
 * dropped): the request wrote nothing and can be tried again shortly.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (driverError(err) as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return /Connection terminated|connection timeout/i.test(String((err as Error)?.message));
  // ECONN…: no server; 08…: connection exceptions; 57P01–57P03: shutting down or starting
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/.test(code) || /^(08\d{3}|57P0[123])$/.test(code);
}

function isBusy(e: unknown): boolean {
  const code = (driverError(e) as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** One write transaction at a time per database in this process. */
const queues = new WeakMap<object, Promise<unknown>>();

export interface WriteOptions {
  /** How long to wait for another process's write lock before DatabaseBusyError (SQLite). */
  timeoutMs?: number;
  /**
   * False for writes that change nothing the dashboard's cached answers read — sessions, sign-in
   * failures, accounts, audit lines: they leave the change counter as it is, so a sign-in does
   * not make every process recompute its rankings. Anything else counts as a change (the default).
   */
  changesData?: boolean;
}

/**
 * Runs `fn` as one transaction and returns its result; `fn` must do all its reads and writes
 * through `tx`. Either everything `fn` wrote is committed or, when it throws, nothing is. Inside a
 * transaction (`db` is a `tx`), `fn` simply joins it.
 *
 * Write transactions are serialised, within this process by a queue (so a waiting writer holds no
 * connection a reader needs) and across processes by the database, so a read inside one can never
 * be overtaken by another writer's commit:
 * - SQLite: BEGIN IMMEDIATE takes the write lock at once. While another process (a batch import)
 *   holds it, this waits between attempts with timers instead of SQLite's busy handler, so the
 *   server's event loop keeps answering readers; attempts come every millisecond or so, so the
 *   short pauses a batch import leaves between its reports are enough to get in.
 * - PostgreSQL: the first statement locks the change counter's row (data_changes, SELECT … FOR
 *   UPDATE), which every other writer, in any server process, then waits for until this one ends.
 *
 * Unless `changesData` is false, the change counter is bumped before the commit: every process's
 * result cache (db/result-cache.ts) sees it at its next lookup.
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  if (db.$inTransaction) return fn(db);
  const handle = db.$db;
  const previous = queues.get(handle) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((r) => {
    release = r;
  });
  const tail = previous.then(() => mine);
  queues.set(handle, tail);
  await previous;
  try {
    return handle.dialect === 'postgres' ? await postgresTransaction(db, fn, options) : await sqliteTransaction(db, fn, options);
  } finally {
    release();
    if (queues.get(handle) === tail) queues.delete(handle);
  }
}

const bump = sql`update data_changes set n = n + 1 where id = 1`;

async function sqliteTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, options: WriteOptions): Promise<T> {
  const c = db.$db.sqliteWriter;
  const tx = db.$db.writerDb;
  if (!c || !tx) throw new Error('not a SQLite database');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const t0 = performance.now();
  // the connection's own setting, put back after each attempt (before any other code can run)
  const busyTimeout = c.pragma('busy_timeout', { simple: true }) as number;
  for (;;) {
    c.pragma('busy_timeout = 0');
    try {
      c.exec('begin immediate');
      break;
    } catch (e) {
      if (!isBusy(e)) throw e;
      const waited = performance.now() - t0;
      if (waited > timeoutMs) throw new DatabaseBusyError(waited);
    } finally {
      c.pragma(`busy_timeout = ${busyTimeout}`);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  try {
    const result = await fn(tx);
    if (options.changesData !== false) await tx.run(bump);
    c.exec('commit');
    return result;
  } catch (e) {
    if (c.inTransaction) c.exec('rollback');
    throw e;
  }
}

interface PgTransactional {
  transaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T>;
}

async function postgresTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, options: WriteOptions): Promise<T> {
  return (db as unknown as PgTransactional).transaction(async (raw) => {
    // drizzle's transaction holds one pooled connection (its session's client; drizzle-orm is pinned)
    const $pgClient = (raw as { session?: { client?: unknown } }).session?.client;
    const tx = Object.assign(raw as object, { $db: db.$db, $inTransaction: true, $pgClient }) as Db;
    await tx.run(sql`select n from data_changes where id = 1 for update`);
    const result = await fn(tx);
    if (options.changesData !== false) await tx.run(bump);
    return result;
  });
}
