/**
 * `npm run backup -- FILE`: a consistent copy of the live database (SQLite's online backup API),
 * taken while the server keeps running; then checks the copy's integrity. Restore by stopping the
 * server and putting FILE in place of DATABASE_URL's file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadEnv } from '../server/config/env';
import { databasePath } from '../server/db/client';

const target = process.argv.slice(2).find((a) => a !== '--');
if (!target) {
  console.error('usage: npm run backup -- FILE');
  process.exit(2);
}
const out = resolve(target);
if (existsSync(out)) {
  console.error(`${out} exists; choose a new file name (nothing written)`);
  process.exit(1);
}
const source = databasePath(loadEnv().DATABASE_URL);
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
await db.backup(out);
db.close();
const copy = new Database(out, { readonly: true });
const check = copy.pragma('integrity_check', { simple: true });
const reports = (copy.prepare('select count(*) as n from reports').get() as { n: number }).n;
copy.close();
if (check !== 'ok') {
  console.error(`backup written to ${out} but its integrity check says: ${check}`);
  process.exit(1);
}
console.log(`backup of ${source} written to ${out}: integrity ok, ${reports} reports`);
