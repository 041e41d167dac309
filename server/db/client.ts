import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { installPgCompat } from './pg-compat';

export type Dialect = 'sqlite' | 'postgres';

/**
 * What a query sees: drizzle's query builder over the tables of server/db/schema.ts, on either
 * database. The tables are written once, in SQLite's terms, with the types both databases store
 * alike (integers for flags, text for dates and JSON): PostgreSQL's drizzle builds its own SQL from
 * the same table objects, and migrations/postgres has the same tables. Every query is awaited (on
 * SQLite it runs at once; the await costs a microtask); PostgreSQL's builders are given SQLite's
 * `.all()`/`.get()`/`.run()` and raw `db.all(sql)` by server/db/pg-compat.ts.
 */
export type Db = BaseSQLiteDatabase<'async', { changes: number }> & {
  /** The database behind this handle, shared by the handle and its transactions. */
  readonly $db: DatabaseHandle;
  /** True on a transaction's handle (`writeTransaction`'s `tx`). */
  readonly $inTransaction?: boolean;
  /** PostgreSQL: the connection a transaction's handle runs on (for raw statements, server/queries/reports/import-statements.ts). */
  readonly $pgClient?: pg.PoolClient;
};

export interface DatabaseHandle {
  readonly dialect: Dialect;
  /** A path for SQLite, the URL without its password for PostgreSQL. */
  readonly location: string;
  /** SQLite: the connection of reads and of writes outside a transaction. */
  readonly sqlite?: Database.Database;
  /** SQLite: the connection a transaction writes through (reads elsewhere never see its uncommitted rows). */
  readonly sqliteWriter?: Database.Database;
  /** SQLite: the transaction handle over `sqliteWriter`. */
  readonly writerDb?: Db;
  /** PostgreSQL: the connection pool. */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');
export const PG_MIGRATIONS_DIR = join(MIGRATIONS_DIR, 'postgres');
export const DEFAULT_DATABASE_URL = 'data/disclosure.db';

export const isPostgresUrl = (url: string): boolean => /^postgres(?:ql)?:\/\//i.test(url);

/** `file:data/x.db`, `data/x.db` or an absolute path → a file path; relative paths from the project root. */
export function databasePath(url: string = DEFAULT_DATABASE_URL): string {
  const path = url.replace(/^(?:sqlite|file):(?:\/\/)?/, '');
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : join(PROJECT_ROOT, path);
}

/** A database URL fit for a log line: the password replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export interface OpenOptions {
  /**
   * SQLite: how long one statement blocks waiting for another process's lock. Scripts may wait
   * long; the server keeps it short and waits between attempts instead (db/write.ts), so that its
   * event loop is never held.
   */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in this process's pool. */
  poolSize?: number;
}

/**
 * Opens the database named by `url` and applies the committed migrations — the same call at
 * start-up, in scripts and in tests. A `postgres://` URL opens PostgreSQL (or a database speaking
 * its protocol); anything else is a SQLite file, created on first use, in WAL mode.
 */
export async function openDatabase(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Promise<Db> {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url, options);
}

function sqliteConnection(path: string, busyTimeoutMs: number): Database.Database {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 4000');
  return sqlite;
}

function openSqlite(url: string, { busyTimeoutMs = 5000 }: OpenOptions): Db {
  const path = databasePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sqlite = sqliteConnection(path, busyTimeoutMs);
  const orm = drizzleSqlite(sqlite);
  migrateSqlite(orm, { migrationsFolder: MIGRATIONS_DIR });
  if (path !== ':memory:') ownerOnly(path);
  // a second connection for transactions: with WAL, the first one's readers keep the last committed
  // snapshot while a transaction is open (its body awaits, so other requests run meanwhile)
  const writer = path === ':memory:' ? sqlite : sqliteConnection(path, busyTimeoutMs);
  const handle: DatabaseHandle = {
    dialect: 'sqlite',
    location: path,
    sqlite,
    sqliteWriter: writer,
    get writerDb() {
      return writerDb;
    },
    close: async () => {
      if (writer !== sqlite) writer.close();
      sqlite.close();
    },
  };
  const writerDb = Object.assign(drizzleSqlite(writer), { $db: handle, $inTransaction: true }) as unknown as Db;
  return Object.assign(orm, { $db: handle }) as unknown as Db;
}

// PostgreSQL's 64-bit integers (count(*), sum of integers) and numerics (avg) as JavaScript numbers,
// as SQLite gives them: the counts here are far below 2^53
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

async function openPostgres(url: string, { poolSize = 10 }: OpenOptions): Promise<Db> {
  installPgCompat();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // a connection's error while idle (the database restarted) is reported on the pool: without a
  // listener it would end the process
  pool.on('error', (err) => console.error(`database connection lost: ${err.message}`));
  const orm = drizzlePg(pool);
  try {
    // two processes starting at once: the migration runs in one of them, the other waits for it
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(4120190)');
      await migratePg(drizzlePg(client), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock(4120190)').catch(() => undefined);
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const handle: DatabaseHandle = {
    dialect: 'postgres',
    location: redactUrl(url),
    pool,
    close: () => pool.end(),
  };
  return Object.assign(orm, { $db: handle }) as unknown as Db;
}

/** Closes the database's connections. */
export function closeDatabase(db: Db): Promise<void> {
  return db.$db.close();
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
