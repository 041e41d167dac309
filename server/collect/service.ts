/**
 * The collector inside the server (the 采集 screen): the sources an admin keeps, one crawl at a
 * time started by 立即采集, its progress for the screen to poll, and each source's last run.
 */
import { and, count, eq, isNull, ne, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { CollectPageRow, CollectSourceRow, CrawlSummary } from '../../shared/schemas/index';
import { appendAudit, audit } from '../auth/audit';
import type { Db } from '../db/client';
import { collectPages, collectSchedule, collectSources } from '../db/schema';
import { writeTransaction } from '../db/write';
import { HttpError } from '../plugins/errors';
import { crawl } from './crawl';
import { CollectError, PoliteFetcher } from './fetcher';
import { beijing, isDue, type Schedule } from './schedule';

/** A source's address as the URL parser reads it, or why it cannot be one (in Chinese). */
export function parseSourceUrl(url: string): URL | string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return `网址格式不正确：${url.slice(0, 200)}（网址中不能有空格等字符，请从浏览器地址栏复制）`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `只能采集 http 或 https 网址：${url.slice(0, 200)}`;
  if (u.username || u.password) return '网址中不能含用户名或密码';
  return u;
}

const emptySummary = (): CrawlSummary => ({
  listPages: 0,
  found: 0,
  imported: 0,
  unchanged: 0,
  changed: 0,
  failed: [],
  notes: [],
});

export class Collector {
  private running: { sourceId: number; summary: CrawlSummary } | null = null;
  /** Stops the crawl running now (取消). */
  private abort: AbortController | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly policy: { allowPrivate: boolean; minIntervalMs: number },
  ) {}

  /** The sources with their last run and how their pages stand. */
  async sources(): Promise<CollectSourceRow[]> {
    const rows = await this.db.select().from(collectSources).orderBy(collectSources.id).all();
    const states = await this.db
      .select({ sourceId: collectPages.sourceId, state: collectPages.state, n: count() })
      .from(collectPages)
      .groupBy(collectPages.sourceId, collectPages.state)
      .all();
    const of = (id: number, state: string) => states.find((s) => s.sourceId === id && s.state === state)?.n ?? 0;
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      addedAt: r.addedAt,
      addedBy: r.addedBy,
      lastRunAt: r.lastRunAt,
      // a summary kept before `changed` was counted reads as none changed
      lastSummary: r.lastSummary
        ? { ...(r.lastSummary as CrawlSummary), changed: (r.lastSummary as Partial<CrawlSummary>).changed ?? 0 }
        : null,
      pages: { done: of(r.id, 'done'), failed: of(r.id, 'failed'), pending: of(r.id, 'pending') },
    }));
  }

  /** Whether intranet addresses may be visited (COLLECT_ALLOW_PRIVATE). */
  get allowPrivate(): boolean {
    return this.policy.allowPrivate;
  }

  /** What a crawl is doing now, or null. */
  status(): { sourceId: number; summary: CrawlSummary } | null {
    return this.running;
  }

  /** The pages of a source that failed, with why. */
  async failures(sourceId: number): Promise<CollectPageRow[]> {
    return this.db
      .select({
        url: collectPages.url,
        kind: collectPages.kind,
        title: collectPages.title,
        reason: collectPages.reason,
        fetchedAt: collectPages.fetchedAt,
      })
      .from(collectPages)
      .where(and(eq(collectPages.sourceId, sourceId), eq(collectPages.state, 'failed')))
      .orderBy(collectPages.id)
      .all();
  }

  /** Adds a source; a URL the URL parser refuses, or not http(s), is refused with a Chinese reason. */
  async addSource(url: string, by: { actor: string; ip: string | null }): Promise<boolean> {
    const parsed = parseSourceUrl(url);
    if (typeof parsed === 'string') throw new HttpError(400, 'bad_url', parsed);
    url = parsed.href;
    return writeTransaction(
      this.db,
      async (tx) => {
        const added =
          (
            await tx
              .insert(collectSources)
              .values({ url, addedAt: new Date().toISOString(), addedBy: by.actor })
              .onConflictDoNothing()
              .run()
          ).changes > 0;
        if (added) await appendAudit(tx, { ...by, action: 'collect.source', target: url, detail: { added: true } });
        return added;
      },
      { changesData: false },
    );
  }

  /** Deletes a source and what its runs kept of its pages (the reports they imported stay); audited. */
  async deleteSource(id: number, by: { actor: string; ip: string | null }): Promise<boolean> {
    if (this.running?.sourceId === id) throw new HttpError(409, 'busy', '该来源正在采集，请等这次采集完成后再删除');
    return writeTransaction(
      this.db,
      async (tx) => {
        const source = await tx.select().from(collectSources).where(eq(collectSources.id, id)).get();
        if (!source) return false;
        await tx.delete(collectPages).where(eq(collectPages.sourceId, id)).run();
        await tx.delete(collectSources).where(eq(collectSources.id, id)).run();
        await appendAudit(tx, { ...by, action: 'collect.source', target: source.url, detail: { deleted: true } });
        return true;
      },
      { changesData: false },
    );
  }

  /**
   * Starts a crawl of one source in the background; false when one is already running. The hosts
   * it may visit are those of the configured sources.
   */
  async start(sourceId: number, by: { actor: string; ip: string | null }): Promise<boolean> {
    if (this.running) return false;
    // taken before the first await: a second click meanwhile finds it running
    this.running = { sourceId, summary: emptySummary() };
    let source: { id: number; url: string } | undefined;
    try {
      source = await this.db.select().from(collectSources).where(eq(collectSources.id, sourceId)).get();
    } catch {
      source = undefined;
    }
    if (!source) {
      this.running = null;
      return false;
    }
    void this.runSource(source, by)
      .catch((err: unknown) => this.log.error({ err }, 'collect run failed'))
      .finally(() => {
        this.running = null;
      });
    return true;
  }

  /**
   * One source's crawl, its progress kept for the screen, its result kept with the source. Whatever
   * goes wrong — a source address that no longer parses, a page that throws — is this run's
   * failure, kept with the source and logged: never the server's.
   */
  private async runSource(source: { id: number; url: string }, by: { actor: string; ip: string | null }): Promise<void> {
    const state = { sourceId: source.id, summary: emptySummary() };
    this.running = state;
    let summary: CrawlSummary;
    try {
      // host and port as the sources write them: another port of a host is another site
      const hosts = (await this.sources()).flatMap((s) => {
        const u = parseSourceUrl(s.url);
        return typeof u === 'string' ? [] : [u.host.toLowerCase()];
      });
      const bad = parseSourceUrl(source.url);
      if (typeof bad === 'string') throw new Error(bad);
      this.abort = new AbortController();
      const fetcher = new PoliteFetcher({
        allowedHosts: hosts,
        allowPrivate: this.policy.allowPrivate,
        minIntervalMs: this.policy.minIntervalMs,
        signal: this.abort.signal,
      });
      summary = await crawl(this.db, fetcher, source.url, {
        importedBy: by.actor,
        onProgress: (s) => {
          state.summary = { ...s, failed: [...s.failed], notes: [...(s.notes ?? [])] };
        },
      });
      this.log.info({ source: source.url, imported: summary.imported, failed: summary.failed.length }, 'collect run done');
    } catch (err) {
      if (err instanceof CollectError && err.code === 'cancelled') {
        this.log.info({ source: source.url, by: this.cancelledBy }, 'collect run cancelled');
        summary = {
          ...state.summary,
          notes: [...(state.summary.notes ?? []), `已由 ${this.cancelledBy ?? '管理员'} 取消；未完成的页面下次采集时继续`],
        };
      } else {
        const message = (err as Error).message;
        this.log.error({ source: source.url, err: message }, 'collect run failed');
        summary = { ...state.summary, failed: [...state.summary.failed, { url: source.url, reason: `采集中断：${message}` }] };
      }
    } finally {
      this.abort = null;
    }
    try {
      await writeTransaction(
        this.db,
        async (tx) => {
          await tx
            .update(collectSources)
            .set({ lastRunAt: new Date().toISOString(), lastSummary: summary })
            .where(eq(collectSources.id, source.id))
            .run();
          await appendAudit(tx, {
            ...by,
            action: 'collect.run',
            target: source.url,
            detail: { imported: summary.imported, unchanged: summary.unchanged, failed: summary.failed.length },
          });
        },
        { changesData: false },
      );
    } catch (err) {
      this.log.error({ source: source.url, err: (err as Error).message }, 'collect run result not saved');
    }
  }

  private cancelledBy: string | null = null;

  /** Stops the crawl running now (its pages not yet read stay pending for the next run); false when none runs. */
  async cancel(by: { actor: string; ip: string | null }): Promise<boolean> {
    const running = this.running;
    if (!running || !this.abort) return false;
    this.cancelledBy = by.actor;
    this.abort.abort();
    await audit(this.db, { ...by, action: 'collect.run', target: null, detail: { cancelled: true, sourceId: running.sourceId } });
    return true;
  }

  /** The schedule (a default, off, until an admin sets one). */
  async schedule(): Promise<Schedule & { updatedAt: string | null; updatedBy: string | null }> {
    const row = await this.db.select().from(collectSchedule).where(eq(collectSchedule.id, 1)).get();
    return row
      ? {
          enabled: row.enabled,
          fromDay: row.fromDay,
          toDay: row.toDay,
          hour: row.hour,
          lastRunOn: row.lastRunOn,
          updatedAt: row.updatedAt,
          updatedBy: row.updatedBy,
        }
      : { enabled: false, fromDay: '01-01', toDay: '03-31', hour: 2, lastRunOn: null, updatedAt: null, updatedBy: null };
  }

  async setSchedule(
    s: { enabled: boolean; fromDay: string; toDay: string; hour: number },
    by: { actor: string; ip: string | null },
  ) {
    await writeTransaction(
      this.db,
      async (tx) => {
        const values = { ...s, updatedAt: new Date().toISOString(), updatedBy: by.actor };
        await tx
          .insert(collectSchedule)
          .values({ id: 1, ...values })
          .onConflictDoUpdate({ target: collectSchedule.id, set: values })
          .run();
        await appendAudit(tx, { ...by, action: 'collect.schedule', target: null, detail: s });
      },
      { changesData: false },
    );
  }

  /**
   * Starts the day's scheduled collection when it is due (every source, one after another); the
   * server calls it every few minutes. Returns whether it started one.
   */
  async tick(at = new Date()): Promise<boolean> {
    if (this.running || !isDue(await this.schedule(), at)) return false;
    const today = beijing(at).date;
    // one server process takes the day's run: the one whose update still finds it not run today
    const taken = await writeTransaction(
      this.db,
      async (tx) =>
        tx
          .update(collectSchedule)
          .set({ lastRunOn: today })
          .where(and(eq(collectSchedule.id, 1), or(isNull(collectSchedule.lastRunOn), ne(collectSchedule.lastRunOn, today))))
          .run(),
      { changesData: false },
    );
    if (taken.changes === 0 || this.running) return false;
    const sources = await this.db.select().from(collectSources).orderBy(collectSources.id).all();
    this.running = { sourceId: sources[0]?.id ?? 0, summary: emptySummary() };
    this.idle = (async () => {
      for (const source of sources) await this.runSource(source, { actor: 'schedule', ip: null });
    })()
      .catch((err: unknown) => this.log.error({ err }, 'scheduled collection failed'))
      .finally(() => {
        this.running = null;
      });
    return true;
  }

  /** Resolves when the crawls started by tick() are done (tests). */
  idle: Promise<void> = Promise.resolve();

  /** Checks the schedule every five minutes while the server runs; returns a stop function. */
  startScheduler(everyMs = 5 * 60_000): () => void {
    const timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.log.warn({ err }, 'collect schedule check failed'));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The collector (the 采集 screen, the schedule). */
    collector: Collector;
  }
}
