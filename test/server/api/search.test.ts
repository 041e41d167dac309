import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { ROOT } from '../../helpers/samples';

// Counted by hand in samples/: 政务新媒体 is in 草场镇 (line 19) and 小铺乡 (line 13), once each;
// 微信 (two characters: found by scanning, not by the trigram index) once in 草场镇 and twice in 小铺乡.
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const search = async (q: string, more = '') =>
  (await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${more}` })).json();
type Hit = { organization: { name: string }; year: number; count: number; snippets: { line: number; text: string }[] };

describe('GET /api/search', () => {
  it('finds which towns mention 政务新媒体, how often and on which line', async () => {
    const body = await search('政务新媒体');
    expect(body.total).toBe(2);
    expect(body.results.map((r: Hit) => [r.organization.name, r.year, r.count, r.snippets.map((s) => s.line)]).sort()).toEqual([
      ['小铺乡', 2024, 1, [13]],
      ['草场镇', 2024, 1, [19]],
    ]);
    const caochang = body.results.find((r: Hit) => r.organization.name === '草场镇');
    expect(caochang.snippets[0].text).toContain('草场镇高度重视网站与政务新媒体信息发布审核工作');
  });

  it('finds a two-character word too, and keeps to a county', async () => {
    const body = await search('微信');
    expect(body.results.map((r: Hit) => [r.organization.name, r.count]).sort()).toEqual([
      ['小铺乡', 2],
      ['草场镇', 1],
    ]);
    // 小铺乡 names no county: not in 米易县
    const miyi = await search('微信', `&county=${encodeURIComponent('米易县')}`);
    expect(miyi.results.map((r: Hit) => r.organization.name)).toEqual(['草场镇']);
  });

  it('finds nothing for a phrase no report has, and takes search syntax typed by a user literally', async () => {
    expect((await search('没有任何报告写过的短语')).total).toBe(0);
    expect((await search('"引号" OR 1')).total).toBe(0);
  });

  it('keeps up with new reports: a new version of 草场镇 with a new line is found, and the old version no longer', async () => {
    // searched first, so what was found in each report's text is remembered
    expect((await search('政务新媒体')).total).toBe(2);
    const text = readFileSync(join(ROOT, 'samples', '001_b1c904b99551c3b9.txt'), 'utf8').replace(
      '草场镇高度重视网站与政务新媒体信息发布审核工作',
      '草场镇高度重视网站与政务新媒体信息发布审核工作，新开通政务新媒体账号两个',
    );
    const r = await importDocument(t.db, { bytes: Buffer.from(text), fileName: '草场镇.txt', importedBy: 'test' });
    expect(r.status).toBe('replaced');
    const body = await search('政务新媒体');
    // still two reports (the old version is not current), 草场镇 now with two mentions on line 19
    expect(body.results.map((h: Hit) => [h.organization.name, h.count, h.snippets.map((x) => x.line)]).sort()).toEqual([
      ['小铺乡', 1, [13]],
      ['草场镇', 2, [19]],
    ]);
    expect((await search('账号两个')).results.map((h: Hit) => h.organization.name)).toEqual(['草场镇']);
  });
});
