/**
 * Crash safety of the running server: uploads over HTTP while the server process is killed with
 * SIGKILL at a random moment. After each kill the database must be intact, hold every report wholly
 * or not at all, keep every acknowledged upload's original bytes, and a restarted server must answer
 * at once. CRASH_SERVER_RUNS sets the number of kills (CI: 6; docs/reliability.md: 50).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticReport } from '../../../scripts/fixtures/synthetic';
import { sha256Of } from '../../../server/ingest/prepare-import';
import { auditDatabase } from '../../helpers/audit';
import { ROOT } from '../../helpers/samples';
import { loginOver, prepareDatabase, readerReady, startServer, upload } from '../../helpers/server-process';

const RUNS = Number(process.env.CRASH_SERVER_RUNS ?? 6);
const UPLOADERS = 6;
/** One account uploads from all the clients: its limit of uploads in flight allows them all (the limit has its own test). */
const SERVER_ENV = { MAX_UPLOADS_PER_USER: String(UPLOADERS) };

const FORMATS = join(ROOT, 'test', 'fixtures', 'formats');
/** 150 text reports of 30 made-up towns × 5 years, and the same sample report as PDF, DOCX and HTML. */
const FILES: { name: string; bytes: Buffer }[] = [
  ...Array.from({ length: 30 }, (_, org) =>
    [2020, 2021, 2022, 2023, 2024].map((year) => {
      const r = syntheticReport(500 + org, year);
      return { name: r.fileName, bytes: Buffer.from(r.text) };
    }),
  ).flat(),
  ...['001.nonzero.pdf', '003.nonzero.docx', '004.nonzero.html'].map((f) => ({
    name: f,
    bytes: readFileSync(join(FORMATS, f)),
  })),
];
/** Organisation-years the files describe: 150 synthetic + 3 samples. */
const EXPECTED_CURRENT = 153;

const work = mkdtempSync(join(tmpdir(), 'crash-server-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Uploads every file with UPLOADERS concurrent clients, 1–3 files per request; returns the acknowledged hashes. */
async function uploadAll(base: string, stopOnError: boolean): Promise<{ acknowledged: Set<string>; failed: number }> {
  const headers = await loginOver(base);
  const queue = [...FILES].sort(() => Math.random() - 0.5);
  const acknowledged = new Set<string>();
  let failed = 0;
  await Promise.all(
    Array.from({ length: UPLOADERS }, async () => {
      for (;;) {
        const batch = queue.splice(0, 1 + Math.floor(Math.random() * 3));
        if (batch.length === 0) return;
        try {
          const res = await upload(base, headers, batch);
          if (res.status !== 200) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { results: { status: string; file: string; reason?: { en: string } }[] };
          body.results.forEach((r, i) => {
            if (r.status === 'failed') {
              failed++;
              console.log(`upload failed: ${r.file}: ${r.reason?.en}`);
            } else acknowledged.add(sha256Of((batch[i] as { bytes: Buffer }).bytes));
          });
        } catch (e) {
          if (!stopOnError) return; // the server was killed: this client stops
          throw e;
        }
      }
    }),
  );
  return { acknowledged, failed };
}

describe(`crash safety of the server: ${RUNS} SIGKILLs during concurrent uploads`, () => {
  it('keeps every acknowledged upload, never a partial report, and restarts serving at once', async () => {
    // calibrate: how long uploading everything takes, so the kills land inside it
    const calibration = join(work, 'calibrate.db');
    await prepareDatabase(calibration);
    const server = await startServer(calibration, SERVER_ENV);
    // timed from when the server can read a file: the document engine's start is not the upload
    await readerReady(server.base);
    const t0 = performance.now();
    const whole = await uploadAll(server.base, true);
    const uploadMs = performance.now() - t0;
    await server.kill();
    expect(whole.failed).toBe(0);
    expect(auditDatabase(calibration).current).toBe(EXPECTED_CURRENT);

    const inAtKill: number[] = [];
    const restartMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const dbPath = join(work, `run-${run}.db`);
      await prepareDatabase(dbPath);
      const first = await startServer(dbPath, SERVER_ENV);
      await readerReady(first.base);
      const uploading = uploadAll(first.base, false);
      await new Promise((r) => setTimeout(r, uploadMs * (0.1 + 0.8 * Math.random())));
      await first.kill('SIGKILL');
      const { acknowledged } = await uploading;

      const afterKill = auditDatabase(dbPath);
      expect(afterKill.integrity).toBe('ok');
      expect(afterKill.partial).toBe(0);
      expect(afterKill.orphanDocuments).toBe(0);
      expect(afterKill.duplicateCurrent).toBe(0);
      expect(afterKill.damagedOriginals).toBe(0);
      // every upload the server answered 200 for is in the database, original bytes included
      expect([...acknowledged].filter((h) => !afterKill.hashes.has(h))).toEqual([]);
      inAtKill.push(afterKill.current);

      const second = await startServer(dbPath, SERVER_ENV);
      restartMs.push(second.startMs);
      // answers from the database at once (a kill early in the upload may leave no 2024 report yet,
      // so not /api/rankings?year=2024, which is then a 404)
      const years = await fetch(`${second.base}/api/years`);
      expect(years.status).toBe(200);
      const again = await uploadAll(second.base, true);
      expect(again.failed).toBe(0);
      await second.kill('SIGTERM');
      expect(second.log()).not.toMatch(/"level":(50|60)/); // nothing logged as error or fatal
      const done = auditDatabase(dbPath);
      expect({ ...done, hashes: done.hashes.size }).toMatchObject({
        integrity: 'ok',
        current: EXPECTED_CURRENT,
        partial: 0,
        orphanDocuments: 0,
        duplicateCurrent: 0,
        damagedOriginals: 0,
        hashes: FILES.length,
      });
    }
    const mid = inAtKill.filter((n) => n > 0 && n < EXPECTED_CURRENT).length;
    const slowest = Math.max(...restartMs);
    console.log(
      `server crash test: ${RUNS} SIGKILLs during ${UPLOADERS} concurrent uploaders (${FILES.length} files, whole upload ${uploadMs.toFixed(0)} ms); ` +
        `current reports at each kill: ${inAtKill.join(' ')}; ${mid} kills landed mid-upload; ` +
        `restart to first answer: median ${restartMs.sort((a, b) => a - b)[Math.floor(restartMs.length / 2)]?.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms`,
    );
    expect(mid).toBeGreaterThanOrEqual(Math.ceil(RUNS / 2));
  }, 600_000);
});
