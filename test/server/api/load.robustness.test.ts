/**
 * Load on the real server over loopback: 20 clients uploading new reports and 200 clients reading
 * rankings, trends and report pages at the same time, while a batch import in another process
 * writes to the same database file. Every request must succeed, no SQLITE_BUSY may surface, and
 * the latencies are printed. LOAD_SECONDS sets the duration (CI: 8; docs/reliability.md: 60).
 */

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticReport } from '../../../scripts/fixtures/synthetic';
import { closeDatabase, openDatabase } from '../../../server/db/client';
import { collectFiles, importFiles } from '../../../server/ingest/import-files';
import { sqlAll } from '../../helpers/db';
import { ROOT } from '../../helpers/samples';
import { loginOver, prepareDatabase, startServer, upload } from '../../helpers/server-process';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const UPLOADERS = Number(process.env.LOAD_UPLOADERS ?? 20);
const READERS = 200;
const BATCH_REPORTS = Number(process.env.LOAD_BATCH ?? 300);

const work = mkdtempSync(join(tmpdir(), 'load-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

describe(`load: ${UPLOADERS} uploaders and ${READERS} readers for ${SECONDS} s, a batch import beside them`, () => {
  it('answers every request, surfaces no SQLITE_BUSY, and loses no upload', async () => {
    const dbPath = join(work, 'load.db');
    await prepareDatabase(dbPath);
    // a county's worth of history to read: 40 towns × 2020–2024
    const seed = join(work, 'seed');
    mkdirSync(seed);
    for (let org = 0; org < 40; org++)
      for (const year of [2020, 2021, 2022, 2023, 2024]) {
        const r = syntheticReport(org, year);
        writeFileSync(join(seed, r.fileName), r.text);
      }
    const db = await openDatabase(dbPath);
    await importFiles(db, collectFiles([seed]), { importedBy: 'seed' });
    const reportIds = ((await sqlAll(db, 'select id from reports where is_current')) as { id: number }[]).map((r) => r.id);
    await closeDatabase(db);
    const batch = join(work, 'batch');
    mkdirSync(batch);
    for (let org = 0; org < BATCH_REPORTS; org++) {
      const r = syntheticReport(10_000 + org, 2024);
      writeFileSync(join(batch, r.fileName), r.text);
    }

    const server = await startServer(dbPath);
    const headers = await loginOver(server.base);
    const latencies: Record<string, number[]> = { upload: [] };
    const errors: string[] = [];
    const uploadedTotals = new Map<string, number>();
    const deadline = performance.now() + SECONDS * 1000;

    async function timed(kind: string, request: () => Promise<Response>): Promise<Response | null> {
      const t0 = performance.now();
      try {
        const res = await request();
        const body = await res.text();
        (latencies[kind] as number[]).push(performance.now() - t0);
        if (res.status !== 200) errors.push(`${kind} ${res.status} ${body.slice(0, 200)}`);
        return new Response(body, { status: res.status });
      } catch (e) {
        errors.push(`${kind} ${(e as Error).message}`);
        return null;
      }
    }

    const batchImport = new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'ingest-child.ts'), dbPath, batch],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.on('exit', (code) => resolve({ code, out }));
    });

    let nextOrg = 20_000;
    const uploaders = Array.from({ length: UPLOADERS }, async () => {
      while (performance.now() < deadline) {
        const r = syntheticReport(nextOrg++, 2024);
        const res = await timed('upload', () => upload(server.base, headers, [{ name: r.fileName, bytes: r.text }]));
        if (res?.status === 200) {
          const body = (await res.json()) as { results: { status: string }[] };
          if (body.results[0]?.status !== 'imported') errors.push(`upload ${r.fileName}: ${body.results[0]?.status}`);
          uploadedTotals.set(r.expected.name, r.expected.proactiveTotal);
        }
      }
    });
    // the readers: autocannon's 200 keep-alive connections, each cycling through a ranking, the
    // trends and a report page (a random one); it counts every non-2xx answer and socket error
    const readers = autocannon({
      url: server.base,
      connections: READERS,
      duration: SECONDS,
      requests: [
        { method: 'GET', path: '/api/rankings?year=2024' },
        { method: 'GET', path: '/api/trends?from=2020&to=2024' },
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `/api/reports/${reportIds[Math.floor(Math.random() * reportIds.length)]}` }),
        },
      ],
    });
    const [read] = await Promise.all([readers, ...uploaders]);
    const batchResult = await batchImport;
    await server.kill('SIGTERM');

    const uploads = [...(latencies.upload as number[])].sort((a, b) => a - b);
    console.log(
      `load test (${SECONDS} s on loopback, ${UPLOADERS} uploaders, ${READERS} readers, a batch import of ${BATCH_REPORTS} reports in another process):\n` +
        `  readers: ${read.requests.total} requests (${read.requests.average.toFixed(0)} req/s), non-2xx ${read.non2xx}, errors ${read.errors}, timeouts ${read.timeouts}; ` +
        `latency p50 ${read.latency.p50} ms, p99 ${read.latency.p99} ms, max ${read.latency.max} ms\n` +
        `  uploads: ${uploads.length} files, ${errors.length} errors; latency p50 ${percentile(uploads, 50).toFixed(0)} ms, p99 ${percentile(uploads, 99).toFixed(0)} ms, max ${(uploads.at(-1) ?? 0).toFixed(0)} ms`,
    );
    expect(read.non2xx + read.errors + read.timeouts).toBe(0);

    if (errors.length)
      console.log(
        server
          .log()
          .split('\n')
          .filter((l) => /"level":(50|60)/.test(l))
          .slice(0, 3)
          .join('\n'),
      );
    expect(errors.slice(0, 5)).toEqual([]);
    expect(batchResult.out).toContain('done');
    expect(batchResult.code).toBe(0);
    expect(`${server.log()}\n${batchResult.out}`).not.toMatch(/SQLITE_BUSY|database is locked/);
    expect(server.log()).not.toMatch(/"level":(50|60)/);
    expect(uploads.length).toBeGreaterThan(UPLOADERS);
    expect(read.requests.total).toBeGreaterThan(READERS * 3);

    // nothing lost: every upload and every batch report is current, with its total
    const check = new Database(dbPath, { readonly: true });
    const totals = new Map(
      (
        check
          .prepare(
            'select o.name, r.proactive_total t from reports r join organizations o on o.id = r.organization_id where r.is_current and r.year = 2024',
          )
          .all() as { name: string; t: number }[]
      ).map((r) => [r.name, r.t]),
    );
    const current = (check.prepare('select count(*) n from reports where is_current').get() as { n: number }).n;
    const integrity = (check.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check;
    check.close();
    expect(integrity).toBe('ok');
    expect([...uploadedTotals].filter(([name, total]) => totals.get(name) !== total)).toEqual([]);
    expect(current).toBe(200 + uploadedTotals.size + BATCH_REPORTS);
    expect(totals.size).toBe(40 + uploadedTotals.size + BATCH_REPORTS);
  }, 300_000);
});
