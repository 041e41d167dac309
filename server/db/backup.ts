import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './client';

export interface BackupResult {
  file: string;
  reports: number;
  integrity: string;
}

/**
 * A consistent copy of the live database by SQLite's online backup API (the server keeps serving
 * and writing), readable by its owner only, then checked: integrity and a count of reports.
 */
export async function backupDatabase(db: Db | Database.Database, file: string): Promise<BackupResult> {
  const client = 'backup' in db ? db : db.$db.sqlite;
  if (!client) throw new Error('backups here are of a SQLite database; back up PostgreSQL with its own tools (pg_dump)');
  await client.backup(file);
  chmodSync(file, 0o600);
  // one self-contained file: the copy of a WAL database is in WAL mode, and would leave -wal and -shm beside it
  const own = new Database(file, { fileMustExist: true });
  own.pragma('journal_mode = DELETE');
  own.close();
  return { file, ...inspectDatabase(file) };
}

/**
 * A database file's integrity check and its count of reports, opened read-only. Throws when the file
 * is not a SQLite database or has no reports table (not a database of this system).
 */
export function inspectDatabase(file: string): { integrity: string; reports: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const reports = (db.prepare('select count(*) as n from reports').get() as { n: number }).n;
    return { integrity, reports };
  } finally {
    db.close();
  }
}

const NAME = /^disclosure-(\d{8}-\d{6})\.db$/;
const BEIJING_MS = 8 * 3600_000; // China keeps UTC+8 all year, no summer time

/** A backup's file name: the time it was taken in Beijing time, as the office reads its clock (`disclosure-20261207-125109.db`). */
export function backupFileName(d: Date): string {
  const beijing = new Date(d.getTime() + BEIJING_MS).toISOString();
  return `disclosure-${beijing.replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.db`;
}

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): { file: string; at: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((n) => ({ file: join(dir, n), at: statSync(join(dir, n)).mtime.toISOString() }));
}

/**
 * Daily backups into `dir` while the server runs, `keep` of them: one soon after start when the
 * newest is a day old or missing, then whenever a day has passed (checked hourly). A backup that
 * fails its integrity check is logged as an error and does not count.
 */
export function scheduleBackups(
  db: Db,
  opts: { dir: string; keep: number; log: FastifyBaseLogger; firstDelayMs?: number },
): () => void {
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const DAY = 24 * 3600_000;
  let running = false;
  const due = () => {
    const newest = listBackups(opts.dir)[0];
    return !newest || Date.now() - Date.parse(newest.at) >= DAY;
  };
  const run = async () => {
    if (running || !due()) return;
    running = true;
    const file = join(opts.dir, backupFileName(new Date()));
    // written under another name and renamed once whole and checked: the list of backups (and a
    // restore) never sees a half-written one
    const partial = `${file}.partial`;
    try {
      const r = await backupDatabase(db, partial);
      if (r.integrity !== 'ok') {
        opts.log.error({ file, integrity: r.integrity }, 'scheduled backup failed its integrity check');
        unlinkSync(partial);
      } else {
        renameSync(partial, file);
        opts.log.info({ file, reports: r.reports }, 'scheduled backup written');
        for (const old of listBackups(opts.dir).slice(opts.keep)) {
          for (const f of [old.file, `${old.file}-wal`, `${old.file}-shm`]) rmSync(f, { force: true });
        }
      }
    } catch (err) {
      opts.log.error({ err, file }, 'scheduled backup failed');
      rmSync(partial, { force: true });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, opts.firstDelayMs ?? 60_000);
  const hourly = setInterval(run, 3600_000);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
