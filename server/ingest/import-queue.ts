import { and, desc, eq, inArray, min, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { ImportJob } from '../../shared/schemas/index';
import type { Db } from '../db/client';
import { importJobs } from '../db/schema';
import { perConnection, statement } from '../db/statement-cache';
import { writeTransaction } from '../db/write';
import { UnknownUnitError } from '../queries/organizations/resolve';
import type { EngineProgress } from './formats/engine';
import { precheck } from './formats/index';
import { auditImport } from './import-audit';
import { type ImportResult, importDocument } from './import-report';
import { failureOf } from './prepare-import';

export type { JobStage } from '../../shared/schemas/index';

interface QueuedJob {
  id: number;
  fileName: string;
  bytes: Buffer | null;
  county: string | null;
  importedBy: string;
  ip: string | null;
  confirmed: boolean;
  organizationId: number | null;
  organizationName: string | null;
}

const JOB_COLUMNS = {
  id: importJobs.id,
  fileName: importJobs.fileName,
  size: importJobs.size,
  state: importJobs.state,
  result: importJobs.result,
  createdAt: importJobs.createdAt,
  finishedAt: importJobs.finishedAt,
};
// the import page polls its jobs every second while files are being read: prepared once per connection
const statements = perConnection((db: Db) => ({
  latestOf: statement(
    db,
    db
      .select(JOB_COLUMNS)
      .from(importJobs)
      .where(eq(importJobs.importedBy, sql.placeholder('user')))
      .orderBy(desc(importJobs.id))
      .limit(50),
  ),
  jobOf: statement(
    db,
    db
      .select(JOB_COLUMNS)
      .from(importJobs)
      .where(and(eq(importJobs.id, sql.placeholder('id')), eq(importJobs.importedBy, sql.placeholder('user')))),
  ),
}));
type JobRow = NonNullable<Awaited<ReturnType<ReturnType<typeof statements>['jobOf']['get']>>>;

/**
 * Files read at once. One: the document engine reads one file at a time anyway, and a file shown
 * 读取中 is then really being read, not waiting inside the engine.
 */
const CONCURRENCY = 1;
/** How often a result that could not be saved is tried again. */
const SETTLE_RETRY_MS = 2000;

/**
 * The import page's queue: uploaded files are stored with their bytes first (so none is lost if the
 * server stops), then read and imported one after another, each in its own transaction.
 * What a running file is doing (读取中, 识别中 n/m 页) is kept in memory for the page to poll.
 */
export class ImportQueue {
  private readonly live = new Map<number, EngineProgress | null>();
  private running = 0;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();
  private settle: () => void = () => {};
  private pumping = false;
  private readonly ready: Promise<void>;
  /** Results read but not yet saved (the disk was full): saved as soon as they can be. */
  private readonly unsettled = new Map<number, () => Promise<void>>();
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  /** When each user's last file was started (a counter): the next file goes to the user waiting longest. */
  private readonly served = new Map<string, number>();
  private turns = 0;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {
    // files that were being read when the server stopped are read again (an import is idempotent)
    this.ready = (async () => {
      try {
        await db.update(importJobs).set({ state: 'queued' }).where(eq(importJobs.state, 'running')).run();
      } catch (err) {
        log.error({ err: (err as Error).message }, 'import jobs could not be requeued');
        return;
      }
      await this.pump();
    })();
  }

  /** Stores the files and queues them; returns their jobs in the order given. */
  async enqueue(
    files: readonly { name: string; bytes: Uint8Array }[],
    opts: { county: string | null; importedBy: string; ip?: string | null },
  ): Promise<ImportJob[]> {
    const now = new Date().toISOString();
    // a file refused by its size and first bytes alone is never stored: a failed job, no bytes
    const refusals = files.map((f): ImportResult | null => {
      const refused = precheck(f.bytes);
      return refused ? { file: f.name, status: 'failed', reason: { zh: refused.zh, en: refused.message } } : null;
    });
    const ids = await writeTransaction(
      this.db,
      async (tx) => {
        const out: number[] = [];
        for (const [i, f] of files.entries()) {
          const result = refusals[i] ?? null;
          const [row] = await tx
            .insert(importJobs)
            .values({
              fileName: f.name,
              size: f.bytes.length,
              bytes: result ? null : Buffer.isBuffer(f.bytes) ? f.bytes : Buffer.from(f.bytes),
              county: opts.county,
              importedBy: opts.importedBy,
              ip: opts.ip ?? null,
              state: result ? 'failed' : 'queued',
              createdAt: now,
              ...(result ? { result, finishedAt: now } : {}),
            })
            .returning({ id: importJobs.id });
          if (row) out.push(row.id);
        }
        return out;
      },
      { changesData: false },
    );
    // the files refused at once are audited like any other result
    for (const result of refusals) {
      if (result) await auditImport(this.db, result, { actor: opts.importedBy, ip: opts.ip ?? null, county: opts.county });
    }
    // the first of them is taken before the answer, so the page shows it being read at once
    await this.pump();
    return this.get(ids, opts.importedBy);
  }

  /**
   * The given jobs of a user (unknown or someone else's are left out), or the user's latest 50 — read in
   * one query, so the page sees the queue at one moment (never a file read and the one before it still
   * waiting).
   */
  async get(ids: readonly number[] | null, user: string): Promise<ImportJob[]> {
    if (ids === null) return (await statements(this.db).latestOf.all({ user })).map((r) => this.view(r));
    if (ids.length === 0) return [];
    const rows = await this.db
      .select(JOB_COLUMNS)
      .from(importJobs)
      .where(and(inArray(importJobs.id, [...ids]), eq(importJobs.importedBy, user)))
      .all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [this.view(r)] : [];
    });
  }

  private view(r: JobRow): ImportJob {
    const v: ImportJob = {
      id: r.id,
      file: r.fileName,
      size: r.size,
      stage: 'queued',
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
    };
    if (r.state === 'done' || r.state === 'failed' || r.state === 'review') {
      v.stage = r.state;
      if (r.result) v.result = r.result as ImportResult;
      return v;
    }
    const p = this.live.get(r.id);
    if (r.state === 'running' || p) {
      v.stage = p?.stage === 'ocr' ? 'ocr' : 'reading';
      if (p?.stage === 'reading') v.pages = p.pages;
      if (p?.stage === 'ocr') {
        v.ocrPage = p.page;
        v.ocrPages = p.of;
      }
    }
    return v;
  }

  /**
   * Starts the next queued files while there is room. A job is claimed by one update that only
   * succeeds while it is still queued, so two server processes on one PostgreSQL database never
   * read the same file.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      await this.pumpNow();
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'the import queue could not start the next file');
    } finally {
      this.pumping = false;
    }
  }

  private async pumpNow(): Promise<void> {
    while (!this.stopped && this.running < CONCURRENCY) {
      // fair between users: the oldest file of the user served longest ago (a user's 300-page scan
      // or folder of 50 files does not make another user's one file wait behind all of it)
      const waiting = await this.db
        .select({ user: importJobs.importedBy, first: min(importJobs.id) })
        .from(importJobs)
        .where(eq(importJobs.state, 'queued'))
        .groupBy(importJobs.importedBy)
        .all();
      const turn = waiting.sort(
        (a, b) => (this.served.get(a.user) ?? -1) - (this.served.get(b.user) ?? -1) || (a.first ?? 0) - (b.first ?? 0),
      )[0];
      const next = turn?.first
        ? await this.db
            .select({
              id: importJobs.id,
              fileName: importJobs.fileName,
              bytes: importJobs.bytes,
              county: importJobs.county,
              importedBy: importJobs.importedBy,
              ip: importJobs.ip,
              confirmed: importJobs.confirmed,
              organizationId: importJobs.organizationId,
              organizationName: importJobs.organizationName,
            })
            .from(importJobs)
            .where(and(eq(importJobs.id, turn.first), eq(importJobs.state, 'queued')))
            .get()
        : undefined;
      if (!next) break;
      const claimed = await this.db
        .update(importJobs)
        .set({ state: 'running' })
        .where(and(eq(importJobs.id, next.id), eq(importJobs.state, 'queued')))
        .run();
      if (claimed.changes === 0) continue; // another process took it
      this.served.set(next.importedBy, ++this.turns);
      if (this.running === 0) this.idle = new Promise((r) => (this.settle = r));
      this.running++;
      this.live.set(next.id, null);
      void this.run(next).finally(() => {
        this.live.delete(next.id);
        this.running--;
        if (this.running === 0) this.settle();
        void this.pump();
      });
    }
  }

  private async run(job: QueuedJob): Promise<void> {
    let result: ImportResult;
    try {
      if (!job.bytes) throw new Error('the stored file is missing');
      const unit =
        job.organizationId !== null
          ? { organizationId: job.organizationId }
          : job.organizationName !== null
            ? { name: job.organizationName }
            : null;
      result = await importDocument(
        this.db,
        { bytes: job.bytes, fileName: job.fileName, county: job.county, importedBy: job.importedBy, ip: job.ip, unit },
        (p) => this.live.set(job.id, p),
        // a file that would replace the current version waits for its uploader to see what changes
        { askBeforeReplacing: !job.confirmed },
      );
    } catch (err) {
      result =
        err instanceof UnknownUnitError
          ? {
              file: job.fileName,
              status: 'failed',
              reason: { zh: '所选单位已不存在（可能已被合并），请重新选择', en: err.message },
              unitUnknown: true,
            }
          : failureOf(job.fileName, err);
    }
    if (this.stopped) return; // the database may be closing: the job stays queued for the next start
    this.log.info(
      { file: job.fileName, job: job.id, status: result.status, reason: result.reason?.en },
      'queued upload imported',
    );
    await this.settleJob(job, result);
  }

  /**
   * Saves a read file's result (its state, and no more bytes unless it waits for review) and audits
   * it. When that cannot be written (the disk full), it is tried again every few seconds until it
   * can, so the page never shows 读取中 for a file that was read.
   */
  private async settleJob(job: QueuedJob, result: ImportResult): Promise<void> {
    // a file waiting for review, or for its uploader to choose its unit, keeps its bytes
    const review = result.status === 'review';
    const keep = review || result.unitUnknown === true;
    try {
      // a refused file keeps no bytes (a junk or hostile file must not fill the database); an imported
      // one has them in source_documents; one waiting for review keeps them: it is read again when confirmed
      await this.db
        .update(importJobs)
        .set({
          state: result.status === 'failed' ? 'failed' : review ? 'review' : 'done',
          result,
          finishedAt: review ? null : new Date().toISOString(),
          ...(keep ? {} : { bytes: null }),
        })
        .where(eq(importJobs.id, job.id))
        .run();
      this.unsettled.delete(job.id);
      if (!review) await auditImport(this.db, result, { actor: job.importedBy, ip: job.ip, county: job.county });
    } catch (err) {
      this.log.error({ job: job.id, err: (err as Error).message }, 'import job state could not be saved; trying again');
      this.unsettled.set(job.id, () => this.settleJob(job, result));
      if (!this.retryTimer) {
        this.retryTimer = setInterval(() => {
          if (this.stopped || this.unsettled.size === 0) {
            clearInterval(this.retryTimer as ReturnType<typeof setInterval>);
            this.retryTimer = null;
            return;
          }
          for (const retry of [...this.unsettled.values()]) void retry();
        }, SETTLE_RETRY_MS);
        this.retryTimer.unref();
      }
    }
  }

  /**
   * The uploader's answer for a file that would replace the current version: replace (it is read
   * again and committed, whatever it changes) or discard (nothing is written). Null when the job is
   * not the user's or not waiting.
   */
  async decide(id: number, user: string, replace: boolean, ip: string | null = null): Promise<ImportJob | null> {
    const job = await statements(this.db).jobOf.get({ id, user });
    if (job?.state !== 'review') return null;
    if (replace) {
      await this.db.update(importJobs).set({ state: 'queued', confirmed: true }).where(eq(importJobs.id, id)).run();
      void this.pump();
    } else {
      const result: ImportResult = { ...(job.result as ImportResult), status: 'discarded' };
      await this.db
        .update(importJobs)
        .set({ state: 'done', result, bytes: null, finishedAt: new Date().toISOString() })
        .where(eq(importJobs.id, id))
        .run();
      // who decided not to replace a current report, and with which file, is in the audit log
      await auditImport(this.db, result, { actor: user, ip, county: null });
    }
    return (await this.get([id], user))[0] ?? null;
  }

  /**
   * The uploader's unit for a file whose text names none: an existing unit or a new one by name. The
   * file is read again and imported under it (audited like any import). Null when the job is not the
   * user's or not waiting for a unit.
   */
  async assignUnit(id: number, user: string, unit: { organizationId: number } | { name: string }): Promise<ImportJob | null> {
    const job = await statements(this.db).jobOf.get({ id, user });
    if (job?.state !== 'failed' || (job.result as ImportResult | null)?.unitUnknown !== true) return null;
    const claimed = await this.db
      .update(importJobs)
      .set({
        state: 'queued',
        result: null,
        finishedAt: null,
        organizationId: 'organizationId' in unit ? unit.organizationId : null,
        organizationName: 'name' in unit ? unit.name.trim() : null,
      })
      .where(and(eq(importJobs.id, id), eq(importJobs.state, 'failed'), sql`${importJobs.bytes} is not null`))
      .run();
    if (claimed.changes === 0) return null;
    await this.pump();
    return (await this.get([id], user))[0] ?? null;
  }

  /** Waits until no file is being read (tests; a server stopping does not wait). */
  async whenIdle(): Promise<void> {
    await this.ready;
    while (this.running > 0 || this.pumping) {
      await this.idle;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Starts no more files; the ones being read finish or are read again at the next start. */
  stop(): void {
    this.stopped = true;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The import page's queue (app.ts). */
    imports: ImportQueue;
  }
}
