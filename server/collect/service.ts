/**
 * The collector inside the server (the 采集 screen): the sources an admin keeps, one crawl at a
 * time started by 立即采集, its progress for the screen to poll, and each source's last run.
 */
import { and, count, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { CollectPageRow, CollectSourceRow, CrawlSummary } from '../../shared/schemas/index';
import { appendAudit } from '../auth/audit';
import type { Db } from '../db/client';
import { collectPages, collectSources } from '../db/schema';
import { writeTransaction } from '../db/write';
import { crawl } from './crawl';
import { PoliteFetcher } from './fetcher';

export class Collector {
  private running: { sourceId: number; summary: CrawlSummary } | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly policy: { allowPrivate: boolean; minIntervalMs: number },
  ) {}

  /** The sources with their last run and how their pages stand. */
  sources(): CollectSourceRow[] {
    const rows = this.db.select().from(collectSources).orderBy(collectSources.id).all();
    const states = this.db
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
      lastSummary: (r.lastSummary as CrawlSummary | null) ?? null,
      pages: { done: of(r.id, 'done'), failed: of(r.id, 'failed'), pending: of(r.id, 'pending') },
    }));
  }

  /** What a crawl is doing now, or null. */
  status(): { sourceId: number; summary: CrawlSummary } | null {
    return this.running;
  }

  /** The pages of a source that failed, with why. */
  failures(sourceId: number): CollectPageRow[] {
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

  async addSource(url: string, by: { actor: string; ip: string | null }): Promise<boolean> {
    return writeTransaction(this.db, () => {
      const added =
        this.db
          .insert(collectSources)
          .values({ url, addedAt: new Date().toISOString(), addedBy: by.actor })
          .onConflictDoNothing()
          .run().changes > 0;
      if (added) appendAudit(this.db, { ...by, action: 'collect.source', target: url, detail: { added: true } });
      return added;
    });
  }

  /**
   * Starts a crawl of one source in the background; false when one is already running. The hosts
   * it may visit are those of the configured sources.
   */
  start(sourceId: number, by: { actor: string; ip: string | null }): boolean {
    if (this.running) return false;
    const source = this.db.select().from(collectSources).where(eq(collectSources.id, sourceId)).get();
    if (!source) return false;
    const hosts = this.sources().map((s) => new URL(s.url).hostname.toLowerCase());
    const fetcher = new PoliteFetcher({
      allowedHosts: hosts,
      allowPrivate: this.policy.allowPrivate,
      minIntervalMs: this.policy.minIntervalMs,
    });
    const state = { sourceId, summary: { listPages: 0, found: 0, imported: 0, unchanged: 0, failed: [] } as CrawlSummary };
    this.running = state;
    void (async () => {
      try {
        const summary = await crawl(this.db, fetcher, source.url, {
          importedBy: by.actor,
          onProgress: (s) => {
            state.summary = { ...s, failed: [...s.failed] };
          },
        });
        await writeTransaction(this.db, () => {
          this.db
            .update(collectSources)
            .set({ lastRunAt: new Date().toISOString(), lastSummary: summary })
            .where(eq(collectSources.id, sourceId))
            .run();
          appendAudit(this.db, {
            ...by,
            action: 'collect.run',
            target: source.url,
            detail: { imported: summary.imported, unchanged: summary.unchanged, failed: summary.failed.length },
          });
        });
        this.log.info({ source: source.url, imported: summary.imported, failed: summary.failed.length }, 'collect run done');
      } catch (err) {
        this.log.error({ source: source.url, err: (err as Error).message }, 'collect run failed');
      } finally {
        this.running = null;
      }
    })();
    return true;
  }
}
