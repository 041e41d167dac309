import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../../server/collect/crawl';
import { PoliteFetcher } from '../../../server/collect/fetcher';
import { sqlAll, sqlGet, tempDatabase } from '../../helpers/db';
import { ROOT, sampleText } from '../../helpers/samples';

// A county portal's 政府信息公开年报 column, served on 127.0.0.1, as written here:
//   index.shtml (TRS page script, page 1 of 2) → a1: the report in the page (新山傈僳族乡, 75 条)
//                                               a2: a GBK page with the report as a PDF (丙谷镇, 50 条), PubDate 2025-01-15
//   index_1.shtml (page 2, with a 下一页 link)  → list3.html
//   2023/index.shtml (a year's sub-column)     → a8: 普威镇's 2023 report as plain text
//   list3.html                                 → a3: the report as a DOC (草场镇); a4: a notice, not a report;
//                                                 a5: a broken link; a6: a page that never answers;
//                                                 a7: a redirect to another site
// By hand: 4 reports imported, 4 failures with their reasons; a second run opens no article or file.
const F = join(ROOT, 'test', 'fixtures');
const HTML_REPORT = readFileSync(join(F, 'formats', '000.html'));
const PDF = readFileSync(join(F, 'formats', '002.pdf'));
const DOC = readFileSync(join(F, 'doc', '001.nonzero.doc'));
const gbk = (s: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: s });
const li = (href: string, title: string) => `<li><a href="${href}">${title}</a></li>`;

let server: Server;
let base: string;
const asked: string[] = [];
/** What each request was answered: 200 with a body, or 304 (unchanged since the ETag it sent). */
const answered: { path: string; status: number }[] = [];
/** 新山's report, which a later test republishes at the same address with a new total. */
let a1Body: Buffer = HTML_REPORT;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    asked.push(path);
    // every answer carries an ETag (a hash of its body) and is 304 when the client already has it
    const send = (type: string, body: string | Buffer) => {
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const status = req.headers['if-none-match'] === etag ? 304 : 200;
      answered.push({ path, status });
      return res.writeHead(status, { 'content-type': type, etag }).end(status === 304 ? undefined : body);
    };
    const html = (body: string) => send('text/html; charset=utf-8', body);
    switch (path) {
      case '/robots.txt':
        return res.end('User-agent: *\nAllow: /\n');
      case '/ndbg/index.shtml':
        return html(
          `<ul>${li('a1.shtml', '米易县新山傈僳族乡2024年政府信息公开工作年度报告')}${li('a2.shtml', '米易县丙谷镇2024年政府信息公开工作年度报告')}</ul>` +
            '<script>createPageHTML(2, 0, "index", "shtml");</script><div><a href="2023/index.shtml">2023年</a></div>',
        );
      case '/ndbg/index_1.shtml':
        return html('<ul><li>（无）</li></ul><a href="list3.html">下一页</a>');
      case '/ndbg/list3.html':
        return html(
          `<ul>${li('a3.shtml', '米易县草场镇2024年政府信息公开工作年度报告')}${li('a4.shtml', '关于召开春耕生产会议的通知')}` +
            `${li('a5.shtml', '米易县某镇2024年政府信息公开工作年度报告')}${li('a6.shtml', '米易县慢镇2024年政府信息公开工作年度报告')}` +
            `${li('a7.shtml', '米易县外站2024年政府信息公开工作年度报告')}</ul>`,
        );
      case '/ndbg/2023/index.shtml':
        return html(`<ul>${li('a8.shtml', '米易县普威镇2023年政府信息公开工作年度报告')}</ul>`);
      case '/ndbg/2023/a8.shtml':
        return send('text/plain; charset=utf-8', sampleText('puwei'));
      case '/ndbg/a1.shtml':
        return send('text/html', a1Body);
      case '/ndbg/a2.shtml':
        return send(
          'text/html; charset=gbk',
          gbk(
            '<html><head><meta name="ArticleTitle" content="米易县丙谷镇2024年政府信息公开工作年度报告"><meta name="PubDate" content="2025-01-15 09:30"></head>' +
              '<body>附件：<a href="/files/丙谷镇年报.pdf">丙谷镇年报.pdf</a></body></html>',
          ),
        );
      case '/files/%E4%B8%99%E8%B0%B7%E9%95%87%E5%B9%B4%E6%8A%A5.pdf':
        return send('application/pdf', PDF);
      case '/ndbg/a3.shtml':
        return html('<body><div>发布时间：2025-01-13</div>附件：<a href="/files/caochang.doc">草场镇年报</a></body>');
      case '/files/caochang.doc':
        return send('application/msword', DOC);
      case '/ndbg/a4.shtml':
        return html('<body><h1>关于召开春耕生产会议的通知</h1><p>请各村于周五前报送材料。</p></body>');
      case '/ndbg/a6.shtml':
        return; // never answers
      case '/ndbg/a7.shtml':
        return res.writeHead(302, { location: 'http://example.com/report.pdf' }).end();
      default:
        return res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const fetcher = () =>
  new PoliteFetcher({ allowedHosts: [new URL(base).host], allowPrivate: true, minIntervalMs: 20, timeoutMs: 1000, retries: 1 });

describe('a crawl of the 年报 column', async () => {
  const t = await tempDatabase();
  afterAll(() => t.close());

  it('imports exactly the reports, records each URL and date, and says why the rest failed', async () => {
    const s = await crawl(t.db, fetcher(), `${base}/ndbg/index.shtml`, { importedBy: 'collector' });
    expect([s.listPages, s.found, s.imported, s.unchanged]).toEqual([4, 10, 4, 0]);
    expect(Object.fromEntries(s.failed.map((f) => [f.url.replace(base, ''), f.reason]))).toEqual({
      '/ndbg/a4.shtml': expect.stringMatching(/不是政府信息公开工作年度报告/),
      '/ndbg/a5.shtml': `网站返回 404：${base}/ndbg/a5.shtml`,
      '/ndbg/a6.shtml': `网站在 1 秒内没有响应：${base}/ndbg/a6.shtml`,
      '/ndbg/a7.shtml': `${base}/ndbg/a7.shtml 跳转到其他网站 example.com，未跟随`,
    });
    const reports = await sqlAll(
      t.db,
      `select o.name, r.year, r.proactive_total as total, d.url, d.format from reports r
           join organizations o on o.id = r.organization_id join source_documents d on d.id = r.source_document_id order by o.name`,
    );
    expect(reports).toEqual([
      {
        name: '丙谷镇',
        year: 2024,
        total: 50,
        url: `${base}/files/%E4%B8%99%E8%B0%B7%E9%95%87%E5%B9%B4%E6%8A%A5.pdf`,
        format: 'pdf',
      },
      { name: '新山傈僳族乡', year: 2024, total: 75, url: `${base}/ndbg/a1.shtml`, format: 'html' },
      { name: '普威镇', year: 2023, total: 94, url: `${base}/ndbg/2023/a8.shtml`, format: 'text' },
      { name: '草场镇', year: 2024, total: 24, url: `${base}/files/caochang.doc`, format: 'doc' },
    ]);
    // the DOC's table as its generator wrote it (test/fixtures/doc/001.nonzero.expected.json)
    const expected = JSON.parse(readFileSync(join(F, 'doc', '001.nonzero.expected.json'), 'utf8'));
    const received = (await sqlGet(
      t.db,
      `select f.value from table_figures f join reports r on r.id = f.report_id join organizations o on o.id = r.organization_id
          where o.name = '草场镇' and f.row_key = 'newReceived' and f.column_key = 'total'`,
    )) as { value: number };
    expect(received.value).toBe(expected.applications.newReceived[6]);
    const dates = await sqlAll(
      t.db,
      "select url, published_on as on_, published_from as from_ from collect_pages where kind = 'file' order by url",
    );
    expect(dates).toEqual([
      { url: `${base}/files/%E4%B8%99%E8%B0%B7%E9%95%87%E5%B9%B4%E6%8A%A5.pdf`, on_: '2025-01-15', from_: 'meta' },
      { url: `${base}/files/caochang.doc`, on_: '2025-01-13', from_: 'page' },
    ]);
  }, 30_000);

  it('a second run reads the list pages again and fetches nothing new: what it has done answers 304', async () => {
    const from = answered.length;
    const s = await crawl(t.db, fetcher(), `${base}/ndbg/index.shtml`, { importedBy: 'collector' });
    expect([s.listPages, s.found, s.imported, s.changed, s.failed.length]).toEqual([4, 0, 0, 0, 0]);
    const done = answered.slice(from).filter((a) => !/index|list3/.test(a.path));
    // what it did before — articles a1, a2, a3, a8 and the PDF and DOC — each asked for with its ETag
    expect(done.map((a) => a.status)).toEqual([304, 304, 304, 304, 304, 304]);
  });

  it('a report republished at the same address is noticed and replaces the old version', async () => {
    a1Body = Buffer.from(HTML_REPORT.toString('utf8').replace('主动公开信息 75 条', '主动公开信息 80 条'));
    const s = await crawl(t.db, fetcher(), `${base}/ndbg/index.shtml`, { importedBy: 'collector' });
    expect([s.found, s.changed, s.imported]).toEqual([0, 1, 1]);
    const xinshan = await sqlGet(
      t.db,
      "select r.proactive_total as total from reports r join organizations o on o.id = r.organization_id where o.name = '新山傈僳族乡' and r.is_current = 1",
    );
    expect(xinshan).toEqual({ total: 80 });
  });
});
