import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');
export const DEFAULT_DATABASE_URL = 'data/disclosure.db';

/** `file:data/x.db`, `data/x.db` or an absolute path → a file path; relative paths from the project root. */
export function databasePath(url: string = DEFAULT_DATABASE_URL): string {
  const path = url.replace(/^(?:sqlite|file):(?:\/\/)?/, '');
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : join(PROJECT_ROOT, path);
}

/**
 * Opens (and creates on first use) the SQLite database, in WAL mode with a busy timeout, and
 * applies the committed migrations — the same call at start-up, in scripts and in tests.
 * `busyTimeoutMs` is how long one statement blocks waiting for another process's lock: scripts
 * may wait long; the server keeps it short and waits between attempts instead (db/write.ts), so
 * that its event loop is never held.
 */
export function openDatabase(url: string = DEFAULT_DATABASE_URL, { busyTimeoutMs = 5000 } = {}): Db {
  const path = databasePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 4000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  if (path !== ':memory:') ownerOnly(path);
  return db as Db;
}

/**
 * The database and its WAL and shared-memory files readable by their owner only (0600): they hold
 * staff accounts and every original file. SQLite creates them with the process's umask (0644).
 */
export function ownerOnly(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}
