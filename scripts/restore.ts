/**
 * `npm run restore -- FILE`: puts a backup in place of the database, with the server stopped.
 *
 * 1. checks the backup: a SQLite database whose integrity check passes and which has reports;
 * 2. refuses while a server holds the database (it takes the write lock to make sure);
 * 3. moves the current database (and its WAL) aside as `<name>.before-restore-<time>`, never deletes it;
 * 4. copies the backup into place, owner-only (0600), and checks the result.
 *
 * 恢复：先停止服务，再运行 npm run restore -- 备份文件，然后重新启动服务。
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadEnv } from '../server/config/env';
import { inspectDatabase } from '../server/db/backup';
import { databasePath, isPostgresUrl } from '../server/db/client';

/** Why a restore was refused: in Chinese for the office, in English for logs. Nothing was changed. */
export class RestoreRefused extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

/**
 * Restores `backupFile` over the database at `databaseUrl`; `say` gets each step's message.
 * Throws RestoreRefused, with the database untouched, when the backup is bad or a server runs.
 */
export function restoreBackup(backupFile: string, databaseUrl: string, say: (line: string) => void): { reports: number } {
  if (isPostgresUrl(databaseUrl)) {
    throw new RestoreRefused(
      'DATABASE_URL 指向 PostgreSQL：请用 PostgreSQL 自己的工具恢复（如 pg_restore），本命令只恢复 SQLite 数据库文件',
      'DATABASE_URL is a PostgreSQL database: restore it with its own tools (pg_restore); this command restores a SQLite file only',
    );
  }
  const backup = resolve(backupFile);
  if (!existsSync(backup)) throw new RestoreRefused(`备份文件不存在：${backup}`, `no such file: ${backup}`);
  let inspected: { integrity: string; reports: number };
  try {
    inspected = inspectDatabase(backup);
  } catch (e) {
    throw new RestoreRefused('这不是本系统的数据库备份文件', `not a backup of this database: ${(e as Error).message}`);
  }
  const { integrity, reports } = inspected;
  if (integrity !== 'ok') {
    throw new RestoreRefused(`备份文件已损坏（${integrity}），请换一个备份`, `backup fails its integrity check: ${integrity}`);
  }

  const target = databasePath(databaseUrl);
  // the server writes its process id beside the database while it runs (server/server.ts)
  const pidFile = `${target}.server.pid`;
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (alive) {
      throw new RestoreRefused(
        `服务正在运行（进程 ${pid}），请先停止服务再恢复`,
        `the server (pid ${pid}) is running: stop it first`,
      );
    }
  }
  if (existsSync(target)) {
    // a running server holds the database open; taking the write lock without waiting tells
    const live = new Database(target, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 0');
      live.exec('BEGIN IMMEDIATE; ROLLBACK;');
      live.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      throw new RestoreRefused('数据库正在使用中，请先停止服务再恢复', 'the database is in use: stop the server first');
    } finally {
      live.close();
    }
    const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, aside);
    for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) renameSync(target + ext, aside + ext);
    say(`当前数据库已移到 ${aside}（未删除）/ current database moved aside to ${aside}`);
  }
  copyFileSync(backup, target);
  chmodSync(target, 0o600);
  const restored = new Database(target, { readonly: true });
  const check = restored.pragma('quick_check', { simple: true });
  restored.close();
  if (check !== 'ok') {
    throw new RestoreRefused(`恢复后的数据库检查未通过（${check}）`, `restored database fails its check: ${check}`);
  }
  say(
    `已从 ${backup} 恢复，共 ${reports} 份报告；请重新启动服务。/ restored from ${backup}: ${reports} reports; start the server again.`,
  );
  return { reports };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv.slice(2).find((a) => a !== '--');
  if (!arg) {
    console.error('用法：npm run restore -- 备份文件\nusage: npm run restore -- BACKUP_FILE');
    process.exit(2);
  }
  try {
    restoreBackup(arg, loadEnv().DATABASE_URL, (line) => console.log(line));
  } catch (e) {
    if (!(e instanceof RestoreRefused)) throw e;
    console.error(`恢复失败：${e.zh}\nrestore failed: ${e.message}`);
    process.exit(1);
  }
}
