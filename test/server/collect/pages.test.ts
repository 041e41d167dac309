import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodePage, readArticle, readListPage } from '../../../server/collect/pages';

// List and article pages as county portals publish them (TRS/WCM-style and hand-made), written here.
const SITE = 'http://www.miyi.gov.cn';

describe('list pages of the 政府信息公开年报 column', () => {
  it('takes the articles and the next page from a TRS page script (index_1.shtml, index_2.shtml…)', () => {
    const html = `<html><body>
      <div class="nav"><a href="/zwgk/index.shtml">政务公开</a></div>
      <ul class="list">
        <li><a href="./202501/t20250120_2612.shtml" title="米易县草场镇人民政府2024年政府信息公开工作年度报告">草场镇2024年…</a><span>2025-01-20</span></li>
        <li><a href="./202501/t20250115_2600.shtml">米易县丙谷镇2024年政府信息公开工作年度报告</a></li>
        <li><a href="./202501/t20250115_2600.shtml">米易县丙谷镇2024年政府信息公开工作年度报告</a></li>
      </ul>
      <script>createPageHTML(3, 0, "index", "shtml");</script></body></html>`;
    const page = readListPage(html, `${SITE}/zwgk/ndbg/index.shtml`);
    expect(page.articles).toEqual([
      { url: `${SITE}/zwgk/ndbg/202501/t20250120_2612.shtml`, title: '米易县草场镇人民政府2024年政府信息公开工作年度报告' },
      { url: `${SITE}/zwgk/ndbg/202501/t20250115_2600.shtml`, title: '米易县丙谷镇2024年政府信息公开工作年度报告' },
    ]);
    expect(page.next).toBe(`${SITE}/zwgk/ndbg/index_1.shtml`);
    // the last page of three has no next
    expect(
      readListPage('<script>createPageHTML(3, 2, "index", "shtml");</script>', `${SITE}/zwgk/ndbg/index_2.shtml`).next,
    ).toBeNull();
  });

  it('finds the sub-columns of a column split by year', () => {
    const html = `<div class="sub"><a href="2024/index.shtml">2024年</a><a href="2023/">2023年度</a><a href="/zwgk/index.shtml">政务公开</a>
      <a href="2022/t1.shtml">2022年工作动态</a></div>`;
    expect(readListPage(html, `${SITE}/zwgk/ndbg/index.shtml`).subColumns).toEqual([
      `${SITE}/zwgk/ndbg/2024/index.shtml`,
      `${SITE}/zwgk/ndbg/2023/`,
    ]);
  });

  it('follows ?page=n and 下一页 links', () => {
    const paged = `<table><tr><td><a href="/art/2025/1/20/art_1_1.html">普威镇2024年度政府信息公开工作年度报告</a></td></tr></table>
      <a href="?page=1">1</a><a href="?page=2">2</a><a href="?page=3">3</a>`;
    expect(readListPage(paged, `${SITE}/col/ndbg?page=2`).next).toBe(`${SITE}/col/ndbg?page=3`);
    const linked = '<a href="list_2.html">下一页</a>';
    expect(readListPage(linked, `${SITE}/ndbg/list_1.html`).next).toBe(`${SITE}/ndbg/list_2.html`);
    expect(readListPage('<a href="javascript:void(0)">下一页</a>', `${SITE}/ndbg/list_9.html`).next).toBeNull();
  });
});

describe('an article', () => {
  it('reads a GBK page: the meta tags of the national web-page specification, and its attachments', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
      <meta name="ArticleTitle" content="米易县丙谷镇2024年政府信息公开工作年度报告">
      <meta name="PubDate" content="2025-01-15 09:30">
      <meta name="ContentSource" content="丙谷镇人民政府">
      <meta name="ColumnName" content="政府信息公开年报">
      <title>门户网站</title></head><body>
      <p>附件：<a href="/uploadfiles/202501/丙谷镇年报.pdf">丙谷镇2024年年报.pdf</a>
      <a href="/uploadfiles/202501/bg.doc">bg.doc</a> <a href="http://other.example.com/x.pdf">外站</a></p></body></html>`;
    const gbk = new Uint8Array(Buffer.from(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: html })));
    const text = decodePage(gbk, null);
    expect(text).toContain('米易县丙谷镇2024年政府信息公开工作年度报告');
    const a = readArticle(text, `${SITE}/zwgk/ndbg/202501/t20250115_2600.shtml`);
    expect([a.title, a.publishedOn, a.publishedFrom, a.source, a.column]).toEqual([
      '米易县丙谷镇2024年政府信息公开工作年度报告',
      '2025-01-15',
      'meta',
      '丙谷镇人民政府',
      '政府信息公开年报',
    ]);
    expect(a.attachments).toEqual([
      { url: `${SITE}/uploadfiles/202501/%E4%B8%99%E8%B0%B7%E9%95%87%E5%B9%B4%E6%8A%A5.pdf`, name: '丙谷镇2024年年报.pdf' },
      { url: `${SITE}/uploadfiles/202501/bg.doc`, name: 'bg.doc' },
    ]);
  });

  it('takes the date from the page’s 发布时间 when there is no meta tag', () => {
    const a = readArticle('<body><div>发布时间：2025年1月20日 来源：草场镇</div><p>正文</p></body>', `${SITE}/a.html`);
    expect([a.publishedOn, a.publishedFrom, a.attachments]).toEqual(['2025-01-20', 'page', []]);
  });
});
