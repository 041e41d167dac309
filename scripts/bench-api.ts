/**
 * API benchmark with autocannon over loopback: requests per second and p50/p99 latency of the
 * routes the dashboard calls — /api/rankings (the overview's top 30, and a default page of 100),
 * /api/trends (the county total, and five towns), /api/reports/:id — against /api/health, a trivial
 * route in the same process measured in the same run (the framework's ceiling). Two generated sets:
 * 40 and 4,000 towns × 7 years, on each database side by side: the embedded SQLite, and PostgreSQL
 * (BENCH_DATABASE_URL, or a scratch cluster of Debian's postgresql package when it is installed).
 * Run: npm run bench:api [-- --orgs 40,4000 --seconds 10 --connections 50 --databases sqlite,postgres]
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { loadEnv } from '../server/config/env';
import { closeDatabase, type Db } from '../server/db/client';
import { metricValuesSql } from '../server/queries/metrics/get-metric-values';
import { type MetricDef, metricByKey } from '../shared/metrics';
import { BENCH_COUNTY, benchDatabase } from './fixtures/bench-db';
import { type Cluster, postgresBin, startCluster } from './fixtures/postgres-cluster';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '40,4000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    databases: { type: 'string', default: 'sqlite,postgres' },
  },
  allowPositionals: true,
});
const SETS = values.orgs.split(',').map(Number);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const work = mkdtempSync(join(tmpdir(), 'bench-api-'));
const county = encodeURIComponent(BENCH_COUNTY);
const DATABASES = values.databases.split(',') as ('sqlite' | 'postgres')[];
let cluster: Cluster | null = null;
let postgresUrl = process.env.BENCH_DATABASE_URL;
if (DATABASES.includes('postgres') && !postgresUrl) {
  if (postgresBin()) {
    cluster = await startCluster();
    postgresUrl = cluster.url;
  } else {
    console.error('PostgreSQL is not installed (apt-get install postgresql) and BENCH_DATABASE_URL is not set: SQLite only');
    DATABASES.splice(DATABASES.indexOf('postgres'), 1);
  }
}

async function measure(db: Db, label: string, paths: string[]): Promise<string[]> {
  const app = await buildApp({ db, env: loadEnv({ LOG_LEVEL: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const rows: string[] = [];
  let ceiling = 0;
  for (const path of paths) {
    // one request first: the first answer computes what the cache then serves
    const first = await fetch(`http://127.0.0.1:${port}${path}`);
    const bytes = (await first.arrayBuffer()).byteLength;
    if (!first.ok) throw new Error(`${path}: ${first.status}`);
    const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: SECONDS });
    if (path === '/api/health') ceiling = r.requests.average;
    const errors = r.errors + r.non2xx + r.timeouts;
    rows.push(
      `| ${label} | \`${decodeURIComponent(path)}\` | ${(bytes / 1024).toFixed(1)} | ${r.requests.average.toFixed(0)} | ${ceiling ? (r.requests.average / ceiling).toFixed(2) : '–'} | ${r.latency.p50} | ${r.latency.p99} | ${errors} |`,
    );
    console.error(`${label} ${path}: p99 ${r.latency.p99} ms`);
  }
  await app.close();
  return rows;
}

/** The query plans of the statements behind rankings and trends, on the largest set (EXPLAIN on either database). */
async function queryPlans(db: Db): Promise<string[]> {
  const out: string[] = [];
  const show = async (label: string, text: string, params: unknown[]) => {
    const { sqlite, pool } = db.$db;
    const plan = sqlite
      ? (sqlite.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((p) => p.detail)
      : ((await pool?.query(`explain ${text}`, params))?.rows ?? []).map((r: Record<string, string>) => r['QUERY PLAN'] ?? '');
    out.push(`${label}:`, '```', text.replace(/\s+/g, ' ').trim(), ...plan.map((p) => `  ${p}`), '```');
  };
  for (const key of ['proactive', 'category:工作动态', 'newReceived']) {
    const q = metricValuesSql(db, metricByKey(key) as MetricDef, 2023, 2024);
    await show(`metric ${key} (rankings: two years; trends: the whole range)`, q.sql, q.params);
  }
  const byCounty = db.$db.dialect === 'postgres' ? '$1' : '?';
  await show(
    'organisations of a county',
    `select id, name, full_name as fullName, kind, county from organizations where county = ${byCounty} order by name`,
    [BENCH_COUNTY],
  );
  return out;
}

const plans: string[] = [];
const table: string[] = [];
const built: string[] = [];
for (const orgs of SETS) {
  for (const database of DATABASES) {
    const { db, seconds, reports } = await benchDatabase(orgs, work, database === 'postgres' ? postgresUrl : undefined);
    const name = database === 'postgres' ? 'PostgreSQL' : 'SQLite';
    built.push(`${orgs} towns on ${name}: ${reports} reports imported in ${seconds.toFixed(1)} s`);
    const someReport = (await db.get<{ id: number }>(sql`select max(id) as id from reports`))?.id;
    table.push(
      ...(await measure(db, `${name}, ${orgs} towns × 7 years`, [
        '/api/health',
        `/api/rankings?year=2024&county=${county}&limit=30`,
        '/api/rankings?year=2024',
        `/api/trends?county=${county}`,
        `/api/trends?organization=1,2,3,4,5&county=${county}`,
        `/api/reports/${someReport}`,
      ])),
    );
    if (orgs === SETS.at(-1)) plans.push(`${name}:\n`, ...(await queryPlans(db)));
    await closeDatabase(db);
  }
}
rmSync(work, { recursive: true, force: true });
const version = cluster?.version;
cluster?.stop();

console.log(
  `API benchmark: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route, loopback, Node ${process.version}${version ? `, ${version} (scratch cluster, fsync off)` : ''}`,
);
console.log(`${built.join('; ')}\n`);
console.log('| database, data | route | answer KiB | req/s | ratio to /api/health | p50 ms | p99 ms | errors |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of table) console.log(r);
console.log(`\nQuery plans on the ${SETS.at(-1)}-town set:\n`);
for (const l of plans) console.log(l);
