import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../../server/collect/crawl';
import { PoliteFetcher } from '../../../server/collect/fetcher';
import { sqlAll, tempDatabase } from '../../helpers/db';
import { servePortal } from '../../helpers/real-portal';

// A real county-level portal's pages served at their original paths (helpers/real-portal.ts).
let portal: Awaited<ReturnType<typeof servePortal>>;
let base: string;
beforeAll(async () => {
  portal = await servePortal();
  base = portal.base;
});
afterAll(() => portal.close());

const fetcher = () =>
  new PoliteFetcher({ allowedHosts: [new URL(base).host], allowPrivate: true, minIntervalMs: 5, timeoutMs: 5000, retries: 0 });
const ZONE = '/zwgk/zfxxgk/zfxxgknb/';
const JINJING = '/zwgk/zfxxgk/dfbmptlj/ptzhsyqpq/ptzhsyqjjp/zfxxgknb/';

describe('the collector on a real portal', async () => {
  const t = await tempDatabase();
  afterAll(() => t.close());
  const reports = () =>
    sqlAll(
      t.db,
      `select o.name, r.year, r.published_on as "publishedOn", r.published_from as "publishedFrom", r.proactive_total as total
         from reports r join organizations o on o.id = r.organization_id order by r.id`,
    );

  it('walks the zone’s list: imports the report saved there with its figures and page date, says why the others failed, and that later pages are built by script', async () => {
    const s = await crawl(t.db, fetcher(), `${base}${ZONE}`, { importedBy: 'collector' });
    expect([s.listPages, s.found, s.imported]).toEqual([1, 10, 1]);
    expect(await reports()).toEqual([
      { name: '平潭综合实验区', year: 2024, publishedOn: '2025-03-10', publishedFrom: 'page', total: 10407 },
    ]);
    // the nine linked reports not saved here: each fails with its reason
    expect(s.failed).toHaveLength(9);
    for (const f of s.failed) expect(f.reason).toBe(`网站返回 404：${f.url}`);
    expect(s.notes).toEqual([
      `${base}${ZONE}：只读取了第一页（栏目共 20 篇，这一页列出 10 篇）：后续列表由网页脚本生成，无法读取。其余年报请把文章网址或各年度栏目网址逐一添加为采集来源`,
    ]);
  });

  it('walks a 片区’s list of seven: the one saved is imported with its signed date, no note (the list is whole)', async () => {
    const s = await crawl(t.db, fetcher(), `${base}${JINJING}`, { importedBy: 'collector' });
    expect([s.found, s.imported, s.failed.length, s.notes]).toEqual([7, 1, 6, []]);
    expect((await reports()).at(-1)).toEqual({
      name: '平潭综合实验区金井片区管理局',
      year: 2024,
      publishedOn: '2025-01-22',
      publishedFrom: 'signature',
      total: 37,
    });
  });

  it('takes article addresses an admin adds by hand: a report in the page is imported, a page with only an attachment follows it', async () => {
    const jinshan = `${base}/zwgk/zfxxgk/dfbmptlj/ptzhsyqpq/ptzhsyqjsp/zfxxgknb/202501/t20250124_96904.htm`;
    const s1 = await crawl(t.db, fetcher(), jinshan, { importedBy: 'collector' });
    // the page holds the report (and links its PDF original, which is not fetched)
    expect([s1.listPages, s1.found, s1.imported, s1.failed]).toEqual([1, 1, 1, []]);
    expect((await reports()).at(-1)).toMatchObject({ name: '平潭综合实验区君山片区管理局', year: 2024, total: 86 });

    const police = `${base}/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqgaj/zfxxgknb/202101/t20210128_80590.htm`;
    const s2 = await crawl(t.db, fetcher(), police, { importedBy: 'collector' });
    const doc = `${base}/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqgaj/zfxxgknb/202101/P020240708585830864986.doc`;
    expect([s2.found, s2.imported]).toEqual([2, 0]);
    expect(s2.failed).toEqual([{ url: doc, reason: `网站返回 404：${doc}`, code: 'http' }]);
    const page = await sqlAll(t.db, 'select status, reason, published_on as on_ from collect_pages where url = ?', police);
    expect(page).toEqual([
      {
        status: 'attachments',
        reason: '正文只有标题，报告在附件中：平潭综合实验区公安局2020年政府信息公开工作年度报告.doc，请导入附件',
        on_: '2021-01-28',
      },
    ]);
    expect(await reports()).toHaveLength(3);
  });
});
