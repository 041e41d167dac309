/**
 * One crawl of a portal column (issue 17's collector): walk the list pages, open each new article,
 * and import the report — the article page itself, or its attachments — through the normal import,
 * keeping where each file came from. Every page's state is in the database (collect_pages), so a
 * crawl that is stopped, even by kill -9, goes on where it was, and a later run opens only what it
 * has not done before; the same file twice is `unchanged`, as any import.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { collectPages, collectSources, sourceDocuments } from '../db/schema';
import { writeTransaction } from '../db/write';
import { importDocument } from '../ingest/import-report';
import { sha256Of } from '../ingest/prepare-import';
import { CollectError, type Fetched, type PoliteFetcher } from './fetcher';
import { decodePage, readArticle, readListPage } from './pages';

/** List pages one crawl reads at most (a column of a few hundred reports has a dozen). */
const MAX_LIST_PAGES = 200;

export interface CrawlSummary {
  listPages: number;
  /** Articles and files seen for the first time in this run. */
  found: number;
  /** Reports imported or replacing an older version. */
  imported: number;
  /** Files that were already in (the same bytes). */
  unchanged: number;
  /** Pages and files collected before that have changed since. */
  changed: number;
  failed: { url: string; reason: string; code?: string }[];
  /** What the run could not do, said on the 采集 screen. */
  notes: string[];
}

const now = () => new Date().toISOString();

async function sourceId(db: Db, url: string, by: string): Promise<number> {
  await db.insert(collectSources).values({ url, addedAt: now(), addedBy: by }).onConflictDoNothing().run();
  return (
    (await db.select({ id: collectSources.id }).from(collectSources).where(eq(collectSources.url, url)).get()) as { id: number }
  ).id;
}

async function found(
  db: Db,
  source: number,
  row: {
    url: string;
    kind: 'article' | 'file';
    title?: string | null;
    publishedOn?: string | null;
    publishedFrom?: string | null;
  },
): Promise<boolean> {
  return (
    (
      await db
        .insert(collectPages)
        .values({ sourceId: source, state: 'pending', foundAt: now(), ...row })
        .onConflictDoNothing()
        .run()
    ).changes > 0
  );
}

async function settle(
  db: Db,
  id: number,
  done: {
    state: 'done' | 'failed';
    status?: string | null;
    reportId?: number | null;
    reason?: string | null;
    etag?: string | null;
    lastModified?: string | null;
    sha256?: string | null;
  },
): Promise<void> {
  await writeTransaction(
    db,
    async (tx) =>
      await tx
        .update(collectPages)
        .set({ ...done, fetchedAt: now() })
        .where(eq(collectPages.id, id))
        .run(),
  );
}

/** The run was cancelled (the 采集 screen's 取消): it stops where it is. */
const cancelled = (e: unknown) => e instanceof CollectError && e.code === 'cancelled';

/** A file's name from its URL (the last path segment, decoded), for the import's file name. */
const fileNameOf = (url: string) => {
  const last = new URL(url).pathname.split('/').pop() || 'index.html';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
};

/**
 * Crawls `columnUrl` with `fetcher` (its hosts and limits are the office's configuration) and
 * imports what it finds as `importedBy`, reports naming no county given `county`.
 */
export async function crawl(
  db: Db,
  fetcher: PoliteFetcher,
  columnUrl: string,
  opts: { importedBy: string; county?: string | null; onProgress?: (s: CrawlSummary) => void },
): Promise<CrawlSummary> {
  const summary: CrawlSummary = { listPages: 0, found: 0, imported: 0, unchanged: 0, changed: 0, failed: [], notes: [] };
  const note = (s: string) => {
    if (!summary.notes.includes(s)) summary.notes.push(s);
  };
  const source = await sourceId(db, columnUrl, opts.importedBy);

  // 1. the list pages, read afresh each run: new articles join the pending ones
  // (a column split by year: each year's sub-column is walked the same way)
  const seen = new Set<string>();
  const lists: string[] = [columnUrl];
  while (lists.length > 0 && seen.size < MAX_LIST_PAGES) {
    const at = lists.shift() as string;
    if (seen.has(at)) continue;
    seen.add(at);
    try {
      const page = await fetcher.get(at);
      summary.listPages++;
      const list = readListPage(decodePage(page.bytes, page.contentType), page.finalUrl);
      if (list.isArticle) {
        // an article's address added by hand: the report itself, not a list
        if (await found(db, source, { url: page.finalUrl, kind: 'article' })) summary.found++;
        continue;
      }
      for (const a of list.articles)
        if (await found(db, source, { url: a.url, kind: 'article', title: a.title })) summary.found++;
      if (list.next) lists.unshift(list.next);
      lists.push(...list.subColumns);
      if (list.scriptPaging) {
        const counted =
          list.scriptPaging.total !== null
            ? `（栏目共 ${list.scriptPaging.total} 篇，这一页列出 ${list.articles.length} 篇）`
            : '';
        note(
          `${at}：只读取了第一页${counted}：后续列表由网页脚本生成，无法读取。其余年报请把文章网址或各年度栏目网址逐一添加为采集来源`,
        );
      }
    } catch (e) {
      if (cancelled(e)) throw e;
      summary.failed.push({
        url: at,
        reason: e instanceof CollectError ? e.zh : String(e),
        ...(e instanceof CollectError ? { code: e.code } : {}),
      });
    }
    opts.onProgress?.(summary);
  }

  type PageRow = typeof collectPages.$inferSelect;
  const done = new Set<number>();

  /** Reads a fetched article or file: an article's attachments join the pending files, a report is imported. */
  const processPage = async (next: PageRow, got: Fetched) => {
    const seenAs = { etag: got.etag, lastModified: got.lastModified, sha256: sha256Of(got.bytes) };
    let bytes: Uint8Array = got.bytes;
    let fileName = fileNameOf(got.finalUrl);
    let article: ReturnType<typeof readArticle> | null = null;
    let meta = {};
    if (next.kind === 'article') {
      article = readArticle(decodePage(got.bytes, got.contentType), got.finalUrl);
      meta = { publishedOn: article.publishedOn, publishedFrom: article.publishedFrom };
      const title = article.title ?? next.title;
      await writeTransaction(
        db,
        async (tx) =>
          await tx
            .update(collectPages)
            .set({ title, ...meta })
            .where(eq(collectPages.id, next.id))
            .run(),
      );
      // the report is the page itself, imported as the web page it is (UTF-8 after decoding)
      bytes = new TextEncoder().encode(article.html);
      fileName = `${(title ?? fileName).replace(/[\\/:*?"<>|]/g, '_').slice(0, 80)}.html`;
    }
    const result = await importDocument(db, { bytes, fileName, county: opts.county ?? null, importedBy: opts.importedBy });
    if (result.status === 'failed' && article && article.attachments.length > 0) {
      // the page holds no report of its own (正文只有标题…): the report is in its attachments, each a file to fetch
      const title = article.title ?? next.title;
      for (const f of article.attachments) {
        if (await found(db, source, { url: f.url, kind: 'file', title, ...meta })) summary.found++;
      }
      await settle(db, next.id, { state: 'done', status: 'attachments', reason: result.reason?.zh ?? null, ...seenAs });
      return;
    }
    if (result.status === 'failed') {
      summary.failed.push({ url: next.url, reason: result.reason?.zh ?? '未能导入' });
      await settle(db, next.id, { state: 'failed', status: 'failed', reason: result.reason?.zh ?? null, ...seenAs });
      return;
    }
    if (result.status === 'unchanged') summary.unchanged++;
    else summary.imported++;
    // the original bytes keep where they were found
    const sha = sha256Of(bytes);
    await writeTransaction(
      db,
      async (tx) =>
        await tx
          .update(sourceDocuments)
          .set({ url: next.url })
          .where(and(eq(sourceDocuments.sha256, sha), isNull(sourceDocuments.url)))
          .run(),
    );
    await settle(db, next.id, {
      state: 'done',
      status: result.status,
      reportId: result.reportId ?? null,
      reason: null,
      ...seenAs,
    });
  };

  const failedAt = async (page: PageRow, e: unknown) => {
    // a cancelled run leaves the page as it was: the next run takes it up
    if (cancelled(e)) throw e;
    const reason = e instanceof CollectError ? e.zh : `读取失败：${(e as Error).message}`;
    summary.failed.push({ url: page.url, reason, ...(e instanceof CollectError ? { code: e.code } : {}) });
    await settle(db, page.id, { state: 'failed', reason });
  };

  /** Fetches and reads every pending page, articles first (an article adds its files as pending). */
  const drainPending = async () => {
    for (;;) {
      const next = await db
        .select()
        .from(collectPages)
        .where(and(eq(collectPages.sourceId, source), eq(collectPages.state, 'pending')))
        .orderBy(collectPages.kind, collectPages.id)
        .limit(1)
        .get();
      if (!next) return;
      done.add(next.id);
      try {
        await processPage(next, await fetcher.get(next.url));
      } catch (e) {
        await failedAt(next, e);
      }
      opts.onProgress?.(summary);
    }
  };

  // 2. each pending article, then each pending file
  await drainPending();

  // 3. what was done in an earlier run is asked for again only conditionally (ETag, Last-Modified):
  // unchanged answers 304 (or the same bytes) and is left; a changed page or file is read again
  const earlier = (
    await db
      .select()
      .from(collectPages)
      .where(and(eq(collectPages.sourceId, source), eq(collectPages.state, 'done')))
      .orderBy(collectPages.kind, collectPages.id)
      .all()
  ).filter((p) => !done.has(p.id));
  for (const page of earlier) {
    try {
      const got = await fetcher.get(page.url, { etag: page.etag, lastModified: page.lastModified });
      if (got.status === 304 || sha256Of(got.bytes) === page.sha256) continue;
      summary.changed++;
      await processPage(page, got);
    } catch (e) {
      await failedAt(page, e);
    }
    opts.onProgress?.(summary);
  }
  // files an article that changed now links
  await drainPending();
  return summary;
}
