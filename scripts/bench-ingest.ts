/**
 * Ingest benchmark: reports imported per second into a fresh SQLite file, and the database size
 * per report, for each of several corpus sizes (default 1,000, 10,000 and 100,000 generated
 * reports), so that the growth with size can be read off. Baselines in the same run, on the same
 * files: parsing alone (no database); for sizes up to 10,000 also the import on one core.
 * Run: npm run bench:ingest [-- --reports 1000,10000,100000]
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '../server/db/client';
import { collectFiles, importFiles } from '../server/ingest/import-files';
import { importFilesPipelined } from '../server/ingest/import-pipeline';
import { parseReport } from '../shared/report/index';
import { syntheticReport } from './fixtures/synthetic';

const { values } = parseArgs({
  options: { reports: { type: 'string', default: '1000,10000,100000' } },
  allowPositionals: true,
});
const SIZES = values.reports.split(',').map(Number);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

function dbSize(path: string): number {
  let size = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      size += statSync(path + suffix).size;
    } catch {}
  }
  return size;
}

interface Result {
  n: number;
  parseOnlyMs: number;
  sequentialMs: number | null;
  pipelinedMs: number;
  imported: number;
  failed: number;
  reportsInDb: number;
  bytes: number;
}

async function measure(n: number): Promise<Result> {
  const work = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  try {
    const inbox = join(work, 'inbox');
    mkdirSync(inbox);
    for (let i = 0; i < n; i++) {
      const r = syntheticReport(Math.floor(i / YEARS.length), YEARS[i % YEARS.length] as number);
      writeFileSync(join(inbox, r.fileName), r.text);
    }
    const files = collectFiles([inbox]);

    const t0 = performance.now();
    for (const f of files) parseReport(readFileSync(f, 'utf8'));
    const parseOnlyMs = performance.now() - t0;

    let sequentialMs: number | null = null;
    if (n <= 10_000) {
      const seqDb = await openDatabase(join(work, 'sequential.db'));
      const t1 = performance.now();
      await importFiles(seqDb, files, { importedBy: 'bench' });
      sequentialMs = performance.now() - t1;
      await closeDatabase(seqDb);
    }

    const pipePath = join(work, 'pipelined.db');
    const pipeDb = await openDatabase(pipePath);
    const t2 = performance.now();
    const pipe = await importFilesPipelined(pipeDb, files, { importedBy: 'bench' });
    const pipelinedMs = performance.now() - t2;
    pipeDb.$db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    const reportsInDb = (await pipeDb.get<{ n: number }>(sql`select count(*) as n from reports`))?.n ?? 0;
    await closeDatabase(pipeDb);
    return {
      n,
      parseOnlyMs,
      sequentialMs,
      pipelinedMs,
      imported: pipe.counts.imported,
      failed: pipe.counts.failed,
      reportsInDb,
      bytes: dbSize(pipePath),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const results: Result[] = [];
for (const n of SIZES) {
  results.push(await measure(n));
  console.error(`measured ${n}`);
}

const rate = (n: number, ms: number) => (n / ms) * 1000;
const first = results[0] as Result;
const perReport = (r: Result) => r.pipelinedMs / r.n;
console.log(
  `ingest benchmark: generated reports, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}\n`,
);
console.log(
  '| reports | parse only (baseline), reports/s | import on one core, reports/s | import with parse workers, reports/s | import ÷ parse-only time | time per report vs the smallest run | DB KiB per report |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.n.toLocaleString('en')} | ${rate(r.n, r.parseOnlyMs).toFixed(0)} | ${r.sequentialMs === null ? '–' : rate(r.n, r.sequentialMs).toFixed(0)} | ` +
      `${rate(r.n, r.pipelinedMs).toFixed(0)} | ${(r.pipelinedMs / r.parseOnlyMs).toFixed(2)} | ${(perReport(r) / perReport(first)).toFixed(2)} | ` +
      `${(r.bytes / r.reportsInDb / 1024).toFixed(1)} |`,
  );
}
for (const r of results) {
  if (r.imported !== r.n || r.reportsInDb !== r.n) {
    console.log(
      `\nWARNING: ${r.n} files gave ${r.imported} imported, ${r.failed} failed, ${r.reportsInDb} reports in the database`,
    );
  }
}
console.log('\nLinear growth means the time per report stays near 1.00 as the corpus grows.');
