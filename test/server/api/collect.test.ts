import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../helpers/app';
import { sqlAll, sqlGet } from '../../helpers/db';
import { sampleText } from '../../helpers/samples';

// A column with two articles: 小铺乡's 2021 report in the page (made from the sample), and a broken link.
let site: Server;
let column: string;
let t: TestApp;
beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/ndbg/index.html')
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<ul><li><a href="a1.html">小铺乡2021年政府信息公开工作年度报告</a></li><li><a href="a2.html">某乡2021年政府信息公开工作年度报告</a></li></ul>',
        );
    if (req.url === '/ndbg/a1.html') {
      const text = sampleText('xiaopu').replace(/2024/g, '2021').replace(/2025/g, '2022');
      return (
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          // the page says when it was published (the report itself is signed without a date)
          .end(`<html><head><meta name="PubDate" content="2022-03-01 10:00"></head><body><pre>${text}</pre></body></html>`)
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  column = `http://127.0.0.1:${(site.address() as AddressInfo).port}/ndbg/index.html`;
  t = await testApp({ COLLECT_ALLOW_PRIVATE: 'true', COLLECT_INTERVAL_MS: '10' });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => site.close(() => r()));
});

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, who = 'admin', payload?: object) =>
  t.app.inject({ method, url, headers: await t.login(who), ...(payload ? { payload } : {}) });

describe('the 采集 screen’s API', () => {
  it('is for admins only', async () => {
    expect((await call('GET', '/api/collect', 'editor')).statusCode).toBe(403);
    expect((await call('POST', '/api/collect/sources', 'editor', { url: column })).statusCode).toBe(403);
  });

  it('adds a source, runs it in the background, and keeps what the run found', async () => {
    expect((await call('POST', '/api/collect/sources', 'admin', { url: column })).statusCode).toBe(204);
    const [source] = (await call('GET', '/api/collect')).json().sources;
    expect(source).toMatchObject({ url: column, lastRunAt: null, pages: { done: 0, failed: 0, pending: 0 } });
    expect((await call('POST', `/api/collect/sources/${source.id}/run`)).statusCode).toBe(204);
    let state = (await call('GET', '/api/collect')).json();
    for (let i = 0; i < 100 && state.running; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await call('GET', '/api/collect')).json();
    }
    expect(state.running).toBeNull();
    expect(state.sources[0].lastSummary).toEqual({
      listPages: 1,
      found: 2,
      imported: 1,
      unchanged: 0,
      changed: 0,
      failed: [
        {
          url: column.replace('index.html', 'a2.html'),
          reason: `网站返回 404：${column.replace('index.html', 'a2.html')}`,
          code: 'http',
        },
      ],
      notes: [],
    });
    expect(state.sources[0].pages).toEqual({ done: 1, failed: 1, pending: 0 });
    const failures = (await call('GET', `/api/collect/sources/${source.id}/failures`)).json().pages;
    expect(failures.map((p: { url: string }) => p.url)).toEqual([column.replace('index.html', 'a2.html')]);
    // the report is in, with where it was found
    const rows = await sqlAll(
      t.db,
      'select o.name, r.year, d.url from reports r join organizations o on o.id = r.organization_id join source_documents d on d.id = r.source_document_id where r.year = 2021',
    );
    expect(rows).toEqual([{ name: '小铺乡', year: 2021, url: column.replace('index.html', 'a1.html') }]);
    expect(await sqlGet(t.db, "select count(*) as n from audit_log where action in ('collect.source', 'collect.run')")).toEqual({
      n: 2,
    });
    // its signature has no date: the page's PubDate (2022-03-01, after 2022-01-31) makes it late
    const late = (await call('GET', '/api/quality?year=2021')).json().late;
    expect(late).toEqual([
      {
        reportId: expect.any(Number),
        organization: expect.objectContaining({ name: '小铺乡' }),
        year: 2021,
        publishedOn: '2022-03-01',
        publishedFrom: 'page',
      },
    ]);
  });

  it('keeps the schedule an admin sets, audited, and runs every source when it is due', async () => {
    const bad = await call('PUT', '/api/collect/schedule', 'admin', { enabled: true, fromDay: '13-01', toDay: '03-31', hour: 2 });
    expect(bad.statusCode).toBe(400);
    expect(
      (await call('PUT', '/api/collect/schedule', 'admin', { enabled: true, fromDay: '01-01', toDay: '03-31', hour: 2 }))
        .statusCode,
    ).toBe(204);
    expect((await call('GET', '/api/collect')).json().schedule).toMatchObject({
      enabled: true,
      fromDay: '01-01',
      toDay: '03-31',
      hour: 2,
      lastRunOn: null,
      updatedBy: 'admin',
    });
    // 2027-01-05 03:00 in Beijing: due; the same day again: not
    const at = new Date('2027-01-04T19:00:00Z');
    expect(await t.app.collector.tick(at)).toBe(true);
    await t.app.collector.idle;
    expect(await t.app.collector.tick(at)).toBe(false);
    const state = (await call('GET', '/api/collect')).json();
    expect(state.schedule.lastRunOn).toBe('2027-01-05');
    // the second run of the source opens nothing new
    expect(state.sources[0].lastSummary).toMatchObject({ listPages: 1, found: 0, imported: 0 });
    expect(await sqlGet(t.db, "select actor from audit_log where action = 'collect.run' order by id desc limit 1")).toEqual({
      actor: 'schedule',
    });
  });
});

// Issue 29: an intranet source failed with `失败 1` and no reason; the setting that allows it was
// named nowhere. A server with the default (COLLECT_ALLOW_PRIVATE unset) and the same local site.
describe('a source on the intranet, not allowed', () => {
  it('fails with the reason and the setting to change, and the state says intranet visits are not allowed', async () => {
    const strict = await testApp({ COLLECT_INTERVAL_MS: '10' });
    try {
      const headers = await strict.login('admin');
      expect(
        (await strict.app.inject({ method: 'POST', url: '/api/collect/sources', headers, payload: { url: column } })).statusCode,
      ).toBe(204);
      let state = (await strict.app.inject({ method: 'GET', url: '/api/collect', headers })).json();
      expect(state.allowPrivate).toBe(false);
      const id = state.sources[0].id;
      expect(
        (await strict.app.inject({ method: 'POST', url: `/api/collect/sources/${id}/run`, headers })).statusCode,
      ).toBeLessThan(300);
      for (let i = 0; i < 100 && (state.running || !state.sources[0].lastRunAt); i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = (await strict.app.inject({ method: 'GET', url: '/api/collect', headers })).json();
      }
      expect(state.sources[0].lastSummary.failed).toEqual([
        {
          url: column,
          reason:
            '127.0.0.1 是内网或本机地址，未访问（本系统默认不访问内网地址；如县政府网站确在内网，请服务器管理员设置 COLLECT_ALLOW_PRIVATE=true 并重启服务）',
          code: 'private',
        },
      ]);
    } finally {
      await strict.close();
    }
  });
});
