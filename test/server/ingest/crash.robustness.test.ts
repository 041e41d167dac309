import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticReport } from '../../../scripts/fixtures/synthetic';
import { closeDatabase, openDatabase } from '../../../server/db/client';
import { collectFiles, importFiles } from '../../../server/ingest/import-files';
import { auditDatabase } from '../../helpers/audit';
import { ROOT } from '../../helpers/samples';

const RUNS = Number(process.env.CRASH_RUNS ?? 20);
const ORGS = 40;
const YEARS = [2020, 2021, 2022, 2023, 2024];

let work: string;
let inbox: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'crash-'));
  inbox = join(work, 'inbox');
  mkdirSync(inbox);
  for (let org = 0; org < ORGS; org++) {
    for (const year of YEARS) {
      const r = syntheticReport(org, year);
      writeFileSync(join(inbox, r.fileName), r.text);
    }
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the child and SIGKILLs it `afterReadyMs` after it opened the database (never, when Infinity). */
function runAndKill(dbPath: string, afterReadyMs: number): Promise<{ ended: 'killed' | 'finished'; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'ingest-child.ts'), dbPath, inbox], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let readyAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready') && readyAt === 0) {
        readyAt = performance.now();
        if (Number.isFinite(afterReadyMs)) setTimeout(() => child.kill('SIGKILL'), afterReadyMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      resolve({ ended: signal === 'SIGKILL' ? 'killed' : 'finished', ms: performance.now() - readyAt }),
    );
  });
}

describe(`crash safety: ${RUNS} imports of ${ORGS * YEARS.length} reports killed with SIGKILL`, () => {
  it(
    'leaves every report wholly in or absent, and a re-run completes the job exactly once',
    async () => {
      // calibrate: a whole run of the child, from "ready" to exit, so kills land inside the import
      const calibration = join(work, 'calibrate.db');
      await closeDatabase(await openDatabase(calibration));
      const full = await runAndKill(calibration, Number.POSITIVE_INFINITY);
      expect(full.ended).toBe('finished');
      expect(auditDatabase(calibration).reports).toBe(ORGS * YEARS.length);
      const importMs = full.ms;
      const inAtKill: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const dbPath = join(work, `run-${run}.db`);
        await closeDatabase(await openDatabase(dbPath)); // migrated before the child starts, as at a server's start-up
        const delay = importMs * (0.15 + 0.8 * Math.random());
        await runAndKill(dbPath, delay);
        const afterKill = auditDatabase(dbPath);
        expect(afterKill.integrity).toBe('ok');
        expect(afterKill.partial).toBe(0);
        expect(afterKill.orphanDocuments).toBe(0);
        inAtKill.push(afterKill.reports);

        const db = await openDatabase(dbPath);
        const rerun = await importFiles(db, collectFiles([inbox]), { importedBy: 'rerun' });
        await closeDatabase(db);
        expect(rerun.counts.failed).toBe(0);
        expect(rerun.counts.unchanged).toBe(afterKill.reports);
        const done = auditDatabase(dbPath);
        expect(done).toMatchObject({
          integrity: 'ok',
          reports: ORGS * YEARS.length,
          partial: 0,
          orphanDocuments: 0,
          duplicates: 0,
        });
      }
      const mid = inAtKill.filter((n) => n > 0 && n < ORGS * YEARS.length).length;
      console.log(`crash test: ${RUNS} kills; reports in at each kill: ${inAtKill.join(' ')}; ${mid} kills landed mid-import`);
      expect(mid).toBeGreaterThan(RUNS / 4);
    },
    60_000 + RUNS * 15_000,
  );
});
