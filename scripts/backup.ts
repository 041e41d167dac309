/**
 * `npm run backup -- FILE`: a consistent copy of the live database (SQLite's online backup API),
 * taken while the server keeps running, readable by its owner only; then checks the copy's
 * integrity. The server also takes daily backups itself when BACKUP_DIR is set. Restore with
 * `npm run restore -- FILE` (docs/operations.md).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadEnv } from '../server/config/env';
import { backupDatabase } from '../server/db/backup';
import { databasePath, isPostgresUrl } from '../server/db/client';

const target = process.argv.slice(2).find((a) => a !== '--');
if (!target) {
  console.error('usage: npm run backup -- FILE');
  process.exit(2);
}
const out = resolve(target);
if (existsSync(out)) {
  console.error(`${out} 已存在，请换一个新文件名（未写入任何内容）\n${out} exists; choose a new file name (nothing written)`);
  process.exit(1);
}
if (!existsSync(dirname(out))) {
  console.error(
    `文件夹 ${dirname(out)} 不存在，请先建立它或换一个位置（未写入任何内容）\nfolder ${dirname(out)} does not exist (nothing written)`,
  );
  process.exit(1);
}
const url = loadEnv().DATABASE_URL;
if (isPostgresUrl(url)) {
  console.error(
    'DATABASE_URL 指向 PostgreSQL：请用 PostgreSQL 自己的工具备份（如 pg_dump），本命令只备份 SQLite 数据库文件（未写入任何内容）\n' +
      'DATABASE_URL is a PostgreSQL database: back it up with its own tools (pg_dump); this command backs up a SQLite file only (nothing written)',
  );
  process.exit(2);
}
const source = databasePath(url);
let r: Awaited<ReturnType<typeof backupDatabase>>;
try {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    r = await backupDatabase(db, out);
  } finally {
    db.close();
  }
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  console.error(`备份失败：${e.code ?? ''} ${e.message}（未写入完整的备份）\nbackup failed: ${e.code ?? ''} ${e.message}`);
  process.exit(1);
}
if (r.integrity !== 'ok') {
  console.error(`backup written to ${out} but its integrity check says: ${r.integrity}`);
  process.exit(1);
}
console.log(`backup of ${source} written to ${out}: integrity ok, ${r.reports} reports`);
