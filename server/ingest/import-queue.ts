import type { FastifyBaseLogger } from 'fastify';
import type { ImportJob } from '../../shared/schemas/index';
import type { Db } from '../db/client';
import { prepared } from '../db/statement-cache';
import type { EngineProgress } from './formats/engine';
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
}

interface JobRow {
  id: number;
  fileName: string;
  size: number;
  state: 'queued' | 'running' | 'done' | 'failed';
  result: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Files read at once. One: the document engine reads one file at a time anyway, and a file shown
 * 读取中 is then really being read, not waiting inside the engine.
 */
const CONCURRENCY = 1;
const COLUMNS = `id, file_name as fileName, size, state, result, created_at as createdAt, finished_at as finishedAt`;

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

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {
    // files that were being read when the server stopped are read again (an import is idempotent)
    prepared(db, `update import_jobs set state = 'queued' where state = 'running'`).run();
    this.pump();
  }

  /** Stores the files and queues them; returns their jobs in the order given. */
  enqueue(
    files: readonly { name: string; bytes: Uint8Array }[],
    opts: { county: string | null; importedBy: string; ip?: string | null },
  ): ImportJob[] {
    const now = new Date().toISOString();
    const insert = prepared(
      this.db,
      `insert into import_jobs (file_name, size, bytes, county, imported_by, ip, state, created_at) values (?, ?, ?, ?, ?, ?, 'queued', ?)`,
    );
    const ids = this.db.$client.transaction(() =>
      files.map((f) =>
        Number(
          insert.run(f.name, f.bytes.length, Buffer.from(f.bytes), opts.county, opts.importedBy, opts.ip ?? null, now)
            .lastInsertRowid,
        ),
      ),
    )();
    this.pump();
    return this.get(ids, opts.importedBy);
  }

  /** The given jobs of a user (unknown or someone else's are left out), or the user's latest 50. */
  get(ids: readonly number[] | null, user: string): ImportJob[] {
    const rows =
      ids === null
        ? (prepared(this.db, `select ${COLUMNS} from import_jobs where imported_by = ? order by id desc limit 50`).all(
            user,
          ) as JobRow[])
        : ids
            .map(
              (id) =>
                prepared(this.db, `select ${COLUMNS} from import_jobs where id = ? and imported_by = ?`).get(id, user) as
                  | JobRow
                  | undefined,
            )
            .filter((r): r is JobRow => r !== undefined);
    return rows.map((r) => this.view(r));
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
    if (r.state === 'done' || r.state === 'failed') {
      v.stage = r.state;
      if (r.result) v.result = JSON.parse(r.result) as ImportResult;
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

  /** Starts the next queued files while there is room. */
  private pump(): void {
    while (!this.stopped && this.running < CONCURRENCY) {
      const next = prepared(
        this.db,
        `select id, file_name as fileName, bytes, county, imported_by as importedBy, ip from import_jobs where state = 'queued' order by id limit 1`,
      ).get() as QueuedJob | undefined;
      if (!next) break;
      prepared(this.db, `update import_jobs set state = 'running' where id = ?`).run(next.id);
      if (this.running === 0) this.idle = new Promise((r) => (this.settle = r));
      this.running++;
      this.live.set(next.id, null);
      void this.run(next).finally(() => {
        this.live.delete(next.id);
        this.running--;
        if (this.running === 0) this.settle();
        this.pump();
      });
    }
  }

  private async run(job: QueuedJob): Promise<void> {
    let result: ImportResult;
    try {
      if (!job.bytes) throw new Error('the stored file is missing');
      result = await importDocument(
        this.db,
        { bytes: job.bytes, fileName: job.fileName, county: job.county, importedBy: job.importedBy, ip: job.ip },
        (p) => this.live.set(job.id, p),
      );
    } catch (err) {
      result = failureOf(job.fileName, err);
    }
    if (this.stopped) return; // the database may be closing: the job stays queued for the next start
    const failed = result.status === 'failed';
    this.log.info(
      { file: job.fileName, job: job.id, status: result.status, reason: result.reason?.en },
      'queued upload imported',
    );
    try {
      // a failed file keeps its bytes (the office may want them back); an imported one has them in source_documents
      prepared(
        this.db,
        `update import_jobs set state = ?, result = ?, finished_at = ?, bytes = case when ? then bytes else null end where id = ?`,
      ).run(failed ? 'failed' : 'done', JSON.stringify(result), new Date().toISOString(), failed ? 1 : 0, job.id);
      await auditImport(this.db, result, { actor: job.importedBy, ip: job.ip, county: job.county });
    } catch (err) {
      this.log.error({ job: job.id, err: (err as Error).message }, 'import job state could not be saved');
    }
  }

  /** Waits until no file is being read (tests; a server stopping does not wait). */
  async whenIdle(): Promise<void> {
    while (this.running > 0) await this.idle;
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
