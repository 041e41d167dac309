/**
 * The 考核's cost as a county grows: the score table of one county-year (which compares every
 * report's prose with the unit's previous year and with every other report of the year, so it
 * grows with the square of the reports) against the 数据质量 answer of the same county-year,
 * computed in the same run on the same database (the baseline). Two kinds of county, two years
 * each, imported through the real pipeline: the demo's towns (scripts/fixtures/demo-report.ts:
 * five layouts, so every town's prose is another's — the worst case), and towns whose prose is
 * each their own (scripts/fixtures/copied-prose.ts on 普威镇's layout), as a real county's is.
 * Run: npm run bench:evaluation [-- --towns 30,100,300]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../server/db/client';
import { dataChanged } from '../server/db/result-cache';
import { importDocument } from '../server/ingest/import-report';
import { evaluate } from '../server/queries/evaluation/evaluate';
import { getQuality } from '../server/queries/quality/get-quality';
import { freshProse, reportWithProse } from './fixtures/copied-prose';
import { demoReport } from './fixtures/demo-report';
import { townName } from './fixtures/synthetic';

const { values } = parseArgs({ options: { towns: { type: 'string', default: '30,100,300' } }, allowPositionals: true });
const SETS = values.towns.split(',').map(Number);
const COUNTY = '演示县';
const PUWEI = readFileSync(join(import.meta.dirname, '..', 'samples', '004_c601c8efb108a009.txt'), 'utf8');
const KINDS = {
  demo: (org: number, year: number) => demoReport(org, year),
  distinct: (org: number, year: number) => {
    const name = townName(org + 1000, '镇');
    const text = reportWithProse(PUWEI, freshProse(org * 10 + year, 45), year)
      .replaceAll('普威镇', name)
      .replaceAll('米易县', '');
    return { fileName: `${name}${year}.txt`, text };
  },
};
const work = mkdtempSync(join(tmpdir(), 'bench-evaluation-'));

async function median(fn: () => Promise<void>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

console.log('| prose | towns | reports | 数据质量 ms (baseline) | 考核 ms | ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
try {
  for (const [kind, make] of Object.entries(KINDS))
    for (const towns of SETS) {
      const db = await openDatabase(join(work, `${kind}-${towns}.db`));
      let reports = 0;
      for (let org = 0; org < towns; org++) {
        for (const year of [2023, 2024]) {
          const r = make(org, year);
          const res = await importDocument(db, {
            bytes: Buffer.from(r.text),
            fileName: r.fileName,
            county: COUNTY,
            importedBy: 'bench',
          });
          if (res.status === 'imported') reports++;
        }
      }
      // every call recomputes: the result cache is told the data changed before each
      const quality = await median(async () => {
        dataChanged(db);
        await getQuality(db, { county: COUNTY, year: 2024 });
      });
      const evaluation = await median(async () => {
        dataChanged(db);
        await evaluate(db, COUNTY, 2024);
      });
      console.log(
        `| ${kind} | ${towns} | ${reports} | ${quality.toFixed(1)} | ${evaluation.toFixed(1)} | ${(evaluation / quality).toFixed(1)} |`,
      );
      await closeDatabase(db);
    }
} finally {
  rmSync(work, { recursive: true, force: true });
}
