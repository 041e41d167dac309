/**
 * `npm run ingest -- PATH... [--county 米易县] [--by NAME]`: imports report files and folders
 * (recursively) into the database at DATABASE_URL. Prints a progress bar on a terminal and a
 * summary; exits 1 when any file failed.
 */
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { closeDatabase, openDatabase } from '../server/db/client';
import { collectFiles } from '../server/ingest/import-files';
import { importFilesPipelined } from '../server/ingest/import-pipeline';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { county: { type: 'string' }, by: { type: 'string' } },
});
const paths = positionals.filter((p) => p !== '--');
if (paths.length === 0) {
  console.error('usage: npm run ingest -- PATH... [--county 米易县] [--by NAME]');
  process.exit(2);
}

let files: string[];
try {
  files = collectFiles(paths);
} catch (err) {
  console.error(`cannot read ${(err as NodeJS.ErrnoException).path ?? paths.join(' ')}: ${(err as Error).message}`);
  process.exit(2);
}
const db = await openDatabase(process.env.DATABASE_URL);
const bar = process.stdout.isTTY ? new SingleBar({ format: '导入 [{bar}] {value}/{total} {file}', hideCursor: true }) : null;
bar?.start(files.length, 0, { file: '' });
const summary = await importFilesPipelined(
  db,
  files,
  { county: values.county ?? null, importedBy: values.by ?? process.env.USER ?? 'cli' },
  (r, i) => bar?.update(i + 1, { file: r.file }),
);
bar?.stop();
await closeDatabase(db);

const { counts } = summary;
console.log(`imported ${counts.imported}, unchanged ${counts.unchanged}, replaced ${counts.replaced}, failed ${counts.failed}`);
for (const r of summary.results.filter((x) => x.status === 'failed')) {
  console.log(`  failed: ${r.file} — ${r.reason?.zh} (${r.reason?.en})`);
}
process.exitCode = counts.failed > 0 ? 1 : 0;
