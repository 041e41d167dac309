/**
 * Ingest benchmark: reports imported per second into a fresh SQLite file, and the database size
 * per report, for N generated reports (default 10,000). Baselines in the same run: parsing alone
 * (no database), and the import on one core (no worker). Run: npm run bench:ingest [-- --reports N]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client';
import { collectFiles, importFiles } from '../server/ingest/import-files';
import { importFilesPipelined } from '../server/ingest/import-pipeline';
import { parseReport } from '../shared/report/index';
import { syntheticReport } from './fixtures/synthetic';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '10000' } }, allowPositionals: true });
const N = Number(values.reports);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const work = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
const inbox = join(work, 'inbox');
mkdirSync(inbox);
for (let i = 0; i < N; i++) {
  const r = syntheticReport(Math.floor(i / YEARS.length), YEARS[i % YEARS.length] as number);
  writeFileSync(join(inbox, r.fileName), r.text);
}
const files = collectFiles([inbox]);

function dbSize(path: string): number {
  let size = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      size += statSync(path + suffix).size;
    } catch {}
  }
  return size;
}

const t0 = performance.now();
for (const f of files) parseReport(readFileSync(f, 'utf8'));
const parseOnly = performance.now() - t0;

const seqPath = join(work, 'sequential.db');
const seqDb = openDatabase(seqPath);
const t1 = performance.now();
const seq = await importFiles(seqDb, files, { importedBy: 'bench' });
const sequential = performance.now() - t1;
seqDb.$client.close();

const pipePath = join(work, 'pipelined.db');
const pipeDb = openDatabase(pipePath);
const t2 = performance.now();
const pipe = await importFilesPipelined(pipeDb, files, { importedBy: 'bench' });
const pipelined = performance.now() - t2;
pipeDb.$client.pragma('wal_checkpoint(TRUNCATE)');
const reportsIn = (pipeDb.$client.prepare('select count(*) n from reports').get() as { n: number }).n;
pipeDb.$client.close();

const rate = (ms: number) => (N / ms) * 1000;
console.log(`ingest benchmark: ${N} generated reports, ${availableParallelism()} cores, Node ${process.version}\n`);
console.log('| run | seconds | reports/s | ratio to parse-only |');
console.log('|---|---|---|---|');
console.log(`| parse only (no database, baseline) | ${(parseOnly / 1000).toFixed(2)} | ${rate(parseOnly).toFixed(0)} | 1.00 |`);
console.log(
  `| import, one core | ${(sequential / 1000).toFixed(2)} | ${rate(sequential).toFixed(0)} | ${(parseOnly / sequential).toFixed(2)} |`,
);
console.log(
  `| import, parse on worker threads | ${(pipelined / 1000).toFixed(2)} | ${rate(pipelined).toFixed(0)} | ${(parseOnly / pipelined).toFixed(2)} |`,
);
console.log(
  `\nimported: one core ${seq.counts.imported}, pipelined ${pipe.counts.imported} (failed ${pipe.counts.failed}); reports in db ${reportsIn}`,
);
console.log(
  `database size: ${(dbSize(pipePath) / 1e6).toFixed(1)} MB, ${(dbSize(pipePath) / reportsIn / 1024).toFixed(1)} KiB per report`,
);
rmSync(work, { recursive: true, force: true });
