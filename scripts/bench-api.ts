/**
 * API benchmark with autocannon over loopback: p50/p99 latency and requests per second of
 * /api/rankings, /api/trends and /api/reports/:id, against /api/health (the framework's ceiling,
 * same process, same run), on the five samples and on a generated county set of ORGS
 * organisations × 7 years. Run: npm run bench:api [-- --orgs 4000 --seconds 10 --connections 50]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../server/app';
import { loadEnv } from '../server/config/env';
import { type Db, openDatabase } from '../server/db/client';
import { collectFiles } from '../server/ingest/import-files';
import { importFilesPipelined } from '../server/ingest/import-pipeline';
import { loadSamplesIfEmpty } from '../server/ingest/samples';
import { syntheticReport } from './fixtures/synthetic';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '4000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
  allowPositionals: true,
});
const ORGS = Number(values.orgs);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const work = mkdtempSync(join(tmpdir(), 'bench-api-'));

async function measure(db: Db, label: string, paths: string[]): Promise<string[]> {
  const app = await buildApp({ db, env: loadEnv({ LOG_LEVEL: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const rows: string[] = [];
  let ceiling = 0;
  for (const path of paths) {
    const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: SECONDS });
    if (path === '/api/health') ceiling = r.requests.average;
    const errors = r.errors + r.non2xx;
    rows.push(
      `| ${label} | \`${path}\` | ${r.requests.average.toFixed(0)} | ${ceiling ? (r.requests.average / ceiling).toFixed(2) : '–'} | ${r.latency.p50} | ${r.latency.p99} | ${errors} |`,
    );
  }
  await app.close();
  return rows;
}

const table: string[] = [];

// the five samples
const sampleDb = openDatabase(join(work, 'samples.db'));
await loadSamplesIfEmpty(sampleDb);
table.push(
  ...(await measure(sampleDb, 'samples (5 reports)', [
    '/api/health',
    '/api/rankings?year=2024',
    '/api/trends?organization=1,2,3',
    '/api/reports/1',
  ])),
);
sampleDb.$client.close();

// a generated set: ORGS organisations of one county × 7 years
const inbox = join(work, 'inbox');
mkdirSync(inbox);
for (let org = 0; org < ORGS; org++) {
  for (const year of YEARS) {
    const r = syntheticReport(org, year, '盐边县');
    writeFileSync(join(inbox, r.fileName), r.text);
  }
}
const bigDb = openDatabase(join(work, 'big.db'));
const t0 = performance.now();
const summary = await importFilesPipelined(bigDb, collectFiles([inbox]), { importedBy: 'bench', county: '盐边县' });
const importSeconds = (performance.now() - t0) / 1000;
rmSync(inbox, { recursive: true, force: true });
const county = encodeURIComponent('盐边县');
table.push(
  ...(await measure(bigDb, `${ORGS} orgs × 7 years`, [
    '/api/health',
    `/api/rankings?year=2024&county=${county}`,
    `/api/rankings?year=2024`,
    `/api/trends?organization=1,2,3,4,5&county=${county}`,
    '/api/reports/1000',
  ])),
);
bigDb.$client.close();
rmSync(work, { recursive: true, force: true });

console.log(`API benchmark: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route, loopback, Node ${process.version}`);
console.log(`generated set: ${summary.counts.imported} reports imported in ${importSeconds.toFixed(1)} s\n`);
console.log('| data | route | req/s | ratio to /api/health | p50 ms | p99 ms | errors |');
console.log('|---|---|---|---|---|---|---|');
for (const r of table) console.log(r);
