import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { sqlAll } from '../../helpers/db';
import { reviewCountyReports } from '../../helpers/review-county';

// Issue 28, 待核对: 汉源县 2023 with three reports made from 草场镇's (by hand):
//   青石镇 — as published: nothing to check (counts as checked);
//   白马镇 — its total printed `** 条`: the total (what ranks it) cannot be read — first in the queue;
//   金山镇 — 表三 一、本年新收 says 2 (natural persons) and 2 (total) while its outcomes say 0: the
//            column identity fails — its total, that cell and 表三's (七)总计 row are to check.
const files = reviewCountyReports();

let t: TestApp;
const ids: Record<string, number> = {};
beforeAll(async () => {
  t = await testApp();
  for (const [name, text] of Object.entries(files)) {
    const r = await importDocument(t.db, { bytes: Buffer.from(text), fileName: `${name}.txt`, importedBy: 'editor' });
    ids[name] = r.reportId as number;
  }
});
afterAll(() => t.close());

const get = async (url: string, who?: string) =>
  (await t.app.inject({ method: 'GET', url, headers: who ? await t.login(who) : {} })).json();
const queue = () => get(`/api/review?year=2023&county=${encodeURIComponent('汉源县')}`, 'editor');
/** The 通报's text for 汉源县 2023, blanks removed. */
const bulletin = async () => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/evaluation/bulletin.docx?county=${encodeURIComponent('汉源县')}&year=2023`,
    headers: await t.login('admin'),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (await mammoth.extractRawText({ buffer: res.rawPayload })).value.replace(/\s+/g, '');
};
const check = async (id: number, field: string, who = 'editor') =>
  t.app.inject({ method: 'POST', url: `/api/reports/${id}/checks`, payload: { field }, headers: await t.login(who) });

describe('待核对: figures checked against the original', () => {
  it('lists the two reports with something to check, the one whose total cannot be read first', async () => {
    const q = await queue();
    expect(
      q.reports.map((r: { organization: { name: string }; status: string; items: number }) => [
        r.organization.name,
        r.status,
        r.items,
      ]),
    ).toEqual([
      ['白马镇', 'unchecked', 1],
      ['金山镇', 'unchecked', 9],
    ]);
    expect([q.checked, q.total]).toEqual([1, 3]);
    const jinshan = (await get(`/api/reports/${ids.金山镇}`)).review;
    expect(jinshan.items.map((i: { field: string }) => i.field)).toEqual([
      'proactive.total',
      'applications.newReceived[6]',
      ...Array.from({ length: 7 }, (_, i) => `applications.total[${i}]`),
    ]);
    expect(jinshan.items[1]).toEqual({
      field: 'applications.newReceived[6]',
      label: '表三 一、本年新收政府信息公开申请数量·总计',
      value: 2,
      checked: null,
    });
    expect((await get(`/api/reports/${ids.青石镇}`)).review).toEqual({
      status: 'none',
      items: [],
      checkedBy: null,
      checkedAt: null,
    });
    // the 通报 says how far its figures were checked
    expect(await bulletin()).toContain(
      '已发布的报告中，1家报告的数字已与原件逐项核对；其余2家有尚未核对的数字（空白、检查不通过或扫描识别），以下数字以核对结果为准。',
    );
  });

  it('is an editor’s: 401 and 403 for others, 409 for a figure not to check', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/review?year=2023' })).statusCode).toBe(401);
    expect((await check(ids.金山镇 as number, 'proactive.total', 'viewer')).statusCode).toBe(403);
    expect((await check(ids.金山镇 as number, 'article20.rules.issued')).statusCode).toBe(409);
  });

  it('a total entered from the original checks it; 核对无误 on each figure checks the other report', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${ids.白马镇}/figures`,
      payload: { field: 'proactive.total', value: 24, reason: '与原件核对', expected: null },
      headers: await t.login('editor'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().review.status).toBe('checked');
    expect(res.json().review.items[0].checked).toMatchObject({ by: 'editor', action: 'corrected' });
    let q = await queue();
    expect(q.reports.map((r: { organization: { name: string }; status: string }) => [r.organization.name, r.status])).toEqual([
      ['金山镇', 'unchecked'],
      ['白马镇', 'checked'],
    ]);
    const fields = (await get(`/api/reports/${ids.金山镇}`)).review.items.map((i: { field: string }) => i.field) as string[];
    const first = (await check(ids.金山镇 as number, fields[0] as string)).json();
    expect([first.status, first.items[0].checked.action]).toEqual(['partial', 'confirmed']);
    for (const field of fields.slice(1)) expect((await check(ids.金山镇 as number, field)).statusCode).toBe(200);
    q = await queue();
    expect([q.checked, q.total]).toEqual([3, 3]);
    expect(await get(`/api/review/summary?year=2023&county=${encodeURIComponent('汉源县')}`)).toEqual({ checked: 3, total: 3 });
    const review = (await get(`/api/reports/${ids.金山镇}`, 'editor')).review;
    expect([review.status, review.checkedBy]).toEqual(['checked', 'editor']);
    // a visitor sees that it was checked, not by whom
    const seen = (await get(`/api/reports/${ids.金山镇}`)).review;
    expect([seen.status, seen.checkedBy, seen.items[0].checked.by]).toEqual(['checked', null, null]);
    expect(await bulletin()).toContain('已发布的报告中，3家报告的数字已与原件逐项核对。');
    const audit = await sqlAll(t.db, "select target from audit_log where action = 'figure.checked'");
    expect(audit).toHaveLength(9);
  });
});
