/**
 * `npm run check:corpus -- DIR`: imports a generated corpus (npm run gen:corpus) into a temporary
 * database and compares every report with its .truth.json; prints the accuracy by format.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../server/db/client';
import { collectFiles } from '../server/ingest/import-files';
import { importFilesPipelined } from '../server/ingest/import-pipeline';
import { checkCorpus, readTruths } from './fixtures/corpus-check';

const dir = process.argv.slice(2).find((a) => a !== '--');
if (!dir) {
  console.error('usage: npm run check:corpus -- DIR');
  process.exit(2);
}
const truths = readTruths(resolve(dir));
const work = mkdtempSync(join(tmpdir(), 'check-corpus-'));
const db = await openDatabase(join(work, 'check.db'));
const files = collectFiles([resolve(dir)]).filter((f) => !f.endsWith('.json'));
const t0 = performance.now();
const summary = await importFilesPipelined(db, files, { importedBy: 'check-corpus' });
const seconds = (performance.now() - t0) / 1000;
const mismatches = await checkCorpus(db, truths);
await closeDatabase(db);
rmSync(work, { recursive: true, force: true });
const wrong = new Set(mismatches.map((m) => m.file));
const byFormat = new Map<string, { files: number; exact: number }>();
for (const t of truths) {
  const f = byFormat.get(t.format) ?? { files: 0, exact: 0 };
  f.files++;
  if (!wrong.has(t.file)) f.exact++;
  byFormat.set(t.format, f);
}
console.log(`${truths.length} reports imported in ${seconds.toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
console.log('| format | files | exactly as generated |');
console.log('|---|---|---|');
for (const [format, f] of byFormat) console.log(`| ${format} | ${f.files} | ${f.exact} |`);
for (const m of mismatches.slice(0, 20))
  console.log(`${m.file} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
process.exit(mismatches.length === 0 ? 0 : 1);
