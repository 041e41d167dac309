/**
 * Child process for the crash test: imports a folder with the
 * same pipeline as the CLI (worker threads parse, the main thread writes), saying "ready" once the
 * first report is in. The parent kills it with SIGKILL at a random moment.
 */
import { closeDatabase, openDatabase } from '../../server/db/client';
import { collectFiles } from '../../server/ingest/import-files';
import { importFilesPipelined } from '../../server/ingest/import-pipeline';

const [dbPath, dir] = process.argv.slice(2) as [string, string];
const db = await openDatabase(dbPath);
const files = collectFiles([dir]);
const summary = await importFilesPipelined(db, files, { importedBy: 'crash-test' }, (_, i) => {
  if (i === 0) process.stdout.write('ready\n'); // the first report is in: the import is under way
});
process.stdout.write(`done ${JSON.stringify(summary.counts)}\n`);
await closeDatabase(db);
