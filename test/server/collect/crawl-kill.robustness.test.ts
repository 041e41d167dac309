/**
 * A crawl killed with SIGKILL loses nothing: `npm run collect` is killed while it imports a column of
 * 40 reports (each article page answers slowly, so the kill lands mid-crawl); the database is intact,
 * holds every report wholly or not at all, and a rerun finishes the column with each report once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticReport } from '../../../scripts/fixtures/synthetic';
import { closeDatabase, openDatabase } from '../../../server/db/client';
import { auditDatabase } from '../../helpers/audit';
import { sqlAll, sqlGet } from '../../helpers/db';
import { ROOT } from '../../helpers/samples';

const N = 40;
const REPORTS = Array.from({ length: N }, (_, i) => syntheticReport(700 + i, 2024));
let site: Server;
let column: string;
const work = mkdtempSync(join(tmpdir(), 'crawl-kill-'));

beforeAll(async () => {
  site = createServer((req, res) => {
    const m = /^\/ndbg\/a(\d+)\.html$/.exec(req.url ?? '');
    if (req.url === '/ndbg/index.html') {
      const items = REPORTS.map((r, i) => `<li><a href="a${i}.html">${r.expected.name}2024年政府信息公开工作年度报告</a></li>`);
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<ul>${items.join('')}</ul>`);
    }
    if (m) {
      const r = REPORTS[Number(m[1])];
      // a slow page: the crawl is still going when the kill comes
      return setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(r?.text ?? ''), 60);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  column = `http://127.0.0.1:${(site.address() as AddressInfo).port}/ndbg/index.html`;
});
afterAll(async () => {
  await new Promise<void>((r) => site.close(() => r()));
  rmSync(work, { recursive: true, force: true });
});

function collect(db: string, killAfterImports?: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'collect.ts'), column, '--allow-private'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db, COLLECT_INTERVAL_MS: '0', CREATE_DATABASE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // kill once the progress line says this many reports are in
      const imported = [...out.matchAll(/导入 (\d+)/g)].map((x) => Number(x[1])).at(-1) ?? 0;
      if (killAfterImports !== undefined && imported >= killAfterImports && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('a crawl killed with SIGKILL', () => {
  it('keeps every report wholly in or out, and the rerun finishes the column with each report once', async () => {
    const db = join(work, 'c.db');
    await closeDatabase(await openDatabase(db));
    const killed = await collect(db, 8);
    expect(killed.signal).toBe('SIGKILL');
    const mid = auditDatabase(db);
    expect([mid.integrity, mid.partial, mid.orphanDocuments, mid.duplicateCurrent]).toEqual(['ok', 0, 0, 0]);
    expect(mid.current).toBeGreaterThanOrEqual(8);
    expect(mid.current).toBeLessThan(N);

    const rerun = await collect(db);
    expect(rerun.code).toBe(0);
    const done = auditDatabase(db);
    expect([done.integrity, done.current, done.partial, done.orphanDocuments, done.duplicateCurrent]).toEqual(['ok', N, 0, 0, 0]);
    const c = await openDatabase(db);
    // each article once, all done; each report's URL kept
    expect(await sqlAll(c, 'select state, count(*) as n from collect_pages group by state')).toEqual([{ state: 'done', n: N }]);
    expect(await sqlGet(c, 'select count(*) as n from source_documents where url is null')).toEqual({ n: 0 });
    await closeDatabase(c);
  }, 180_000);
});
