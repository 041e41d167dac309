/** Worker thread: one integrity check of a SQLite file on a read-only connection of its own. */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path } = workerData as { path: string };
let result: string;
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    result = String(db.pragma('quick_check', { simple: true }));
  } finally {
    db.close();
  }
} catch (err) {
  result = `${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.trim();
}
parentPort?.postMessage(result);
