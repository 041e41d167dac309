/**
 * Web benchmark: the dashboard's initial JavaScript by chunk (gzip), and the time Chromium takes
 * to render the overview — from navigation to the ranking list filled and its three charts drawn —
 * with 4,000 towns, against the same page with 40 towns in the same run (the baseline).
 * Needs Chromium (apt: chromium). Run: npm run bench:web [-- --orgs 40,4000 --runs 7]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { buildApp, WEB_ROOT } from '../server/app';
import { loadEnv } from '../server/config/env';
import { closeDatabase, PROJECT_ROOT } from '../server/db/client';
import { BENCH_COUNTY, benchDatabase } from './fixtures/bench-db';

const { values } = parseArgs({
  options: { orgs: { type: 'string', default: '40,4000' }, runs: { type: 'string', default: '7' } },
  allowPositionals: true,
});
const SETS = values.orgs.split(',').map(Number);
const RUNS = Number(values.runs);
if (!existsSync(join(WEB_ROOT, 'index.html')))
  await build({ configFile: join(PROJECT_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
const work = mkdtempSync(join(tmpdir(), 'bench-web-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const lines: string[] = [];
let chunks: { file: string; gzip: number }[] = [];
let baseline = 0;
for (const orgs of SETS) {
  const { db } = await benchDatabase(orgs, work);
  const app = await buildApp({ db, env: loadEnv({ LOG_LEVEL: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const url = `${base}/?year=2024&county=${encodeURIComponent(BENCH_COUNTY)}`;
  await (await fetch(`${base}/api/rankings?year=2024&county=${encodeURIComponent(BENCH_COUNTY)}&limit=30`)).text();
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    const t0 = performance.now();
    await page.goto(url);
    await page.locator('[data-test="ranking-list"] li').first().waitFor();
    await page.waitForFunction(() => {
      const charts = [...document.querySelectorAll('[role="img"]')];
      return charts.length === 3 && charts.every((e) => (e.querySelector('canvas')?.height ?? 0) > 0);
    });
    const ms = performance.now() - t0;
    if (run > 0) times.push(ms); // the first run warms Chromium's caches of the built files
    if (chunks.length === 0) chunks = scripts.map((p) => ({ file: p, gzip: gzipSync(readFileSync(join(WEB_ROOT, p))).length }));
    await context.close();
  }
  const m = median(times);
  if (baseline === 0) baseline = m;
  lines.push(`| ${orgs} towns | ${m.toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${(m / baseline).toFixed(2)} |`);
  await app.close();
  await closeDatabase(db);
}
await browser.close();
rmSync(work, { recursive: true, force: true });

console.log(`web benchmark: Chromium (playwright-core), 1366×768, ${RUNS} runs after one warm-up, Node ${process.version}\n`);
console.log('| overview of | median ms to rendered | slowest ms | ratio to the first set |');
console.log('|---|---|---|---|');
for (const l of lines) console.log(l);
console.log('\n| initial chunk | KB gzip |');
console.log('|---|---|');
for (const c of chunks.sort((a, b) => b.gzip - a.gzip))
  console.log(`| ${c.file.replace(/^\/assets\//, '')} | ${(c.gzip / 1024).toFixed(1)} |`);
console.log(`| **total** | **${(chunks.reduce((s, c) => s + c.gzip, 0) / 1024).toFixed(1)}** |`);
