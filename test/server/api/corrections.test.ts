import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { sqlAll, sqlGet } from '../../helpers/db';
import { sampleText } from '../../helpers/samples';

// 草场镇 2024 as published with one typo: 工作动态 21 条 (the sample says 20). By hand: the categories
// add up to 21 + 4 = 25 against the stated total 24, so the report carries the warning
// proactive.categorySum; correcting 工作动态 to 20 makes 20 + 4 = 24 and the warning goes.
const typo = sampleText('caochang').replace('其中，工作动态 20 条', '其中，工作动态 21 条');

let t: TestApp;
let id: number;
let newer: number;
beforeAll(async () => {
  t = await testApp();
  const r = await importDocument(t.db, { bytes: Buffer.from(typo), fileName: '草场镇2024年报.txt', importedBy: 'test' });
  // it replaces the sample's 草场镇 2024, as a republished report would
  expect(r.status).toBe('replaced');
  id = r.reportId as number;
});
afterAll(() => t.close());

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();
const caochang = async () =>
  (await get('/api/rankings?year=2024')).rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇');

describe('a correction re-runs the checks on the corrected figures', () => {
  it('starts with the warning on the report, in 数据质量 and in the ranking', async () => {
    expect(codes((await get(`/api/reports/${id}`)).findings)).toContain('proactive.categorySum');
    const quality = await get('/api/quality?year=2024');
    expect(
      quality.findings.filter((f: { reportId: number; code: string }) => f.reportId === id).map((f: { code: string }) => f.code),
    ).toEqual(['proactive.categorySum']);
    expect((await caochang()).warnings).toBe(1);
  });

  it('a category corrected to what the original says clears the warning everywhere', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${id}/figures`,
      payload: { field: 'proactive.categories[0]', value: 20, reason: '网站栏目实际 20 条，报告笔误' },
      headers: await t.login('editor'),
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.proactive.categories.map((c: { label: string; count: number }) => [c.label, c.count])).toEqual([
      ['工作动态', 20],
      ['通知公告', 4],
    ]);
    expect(report.parsedValues).toEqual({ 'proactive.categories[0]': 21 });
    expect(codes(report.findings)).not.toContain('proactive.categorySum');
    const quality = await get('/api/quality?year=2024');
    expect(quality.findings.filter((f: { reportId: number }) => f.reportId === id)).toEqual([]);
    expect((await caochang()).warnings).toBe(0);
    // the category metric uses the corrected count
    const cats = await get('/api/categories?year=2024');
    const row = cats.rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇');
    expect(row.categories.工作动态).toBe(20);
    // the audit log names the figure in the template's words
    const audit = (await sqlGet(
      t.db,
      "select detail from audit_log where action = 'figure.corrected' order by id desc limit 1",
    )) as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({
      field: 'proactive.categories[0]',
      label: '主动公开分类“工作动态”',
      old: 21,
      new: 20,
    });
    // issue 29: the admin page names the report by its unit and year, not `report 7`
    const page = (
      await t.app.inject({ method: 'GET', url: '/api/admin/audit?limit=5&action=figure', headers: await t.login('admin') })
    ).json();
    expect(page.entries[0]).toMatchObject({ target: `report ${id}`, targetLabel: `草场镇 2024 年度报告（第 ${id} 号）` });
  });

  it('a correction that breaks a sum raises the warning instead', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${id}/figures`,
      payload: { field: 'proactive.total', value: 30, reason: '按网站统计' },
      headers: await t.login('editor'),
    });
    const warning = res.json().findings.find((f: { code: string }) => f.code === 'proactive.categorySum');
    expect(warning.message).toBe('主动公开分类条数之和为 24，与总数 30 不符（可能只列出了部分类别）');
    expect((await caochang()).warnings).toBe(1);
  });

  it('a new version keeps a correction where its source is unchanged, and asks to review the other', async () => {
    // the unit republishes: the total now says 25 (it said 24, corrected to 30); 工作动态 still says 21
    const r = await importDocument(t.db, {
      bytes: Buffer.from(typo.replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 25 条')),
      fileName: '草场镇2024年报（新版）.txt',
      importedBy: 'editor',
    });
    expect(r).toMatchObject({ status: 'replaced', corrections: { carried: 1, toReview: 1 } });
    newer = r.reportId as number;
    const report = await get(`/api/reports/${newer}`);
    expect(report.proactive.categories[0]).toMatchObject({ label: '工作动态', count: 20 });
    expect(report.parsedValues).toEqual({ 'proactive.categories[0]': 21 });
    expect(report.proactive.total).toBe(25);
    expect(report.corrections).toEqual([
      expect.objectContaining({
        field: 'proactive.categories[0]',
        oldValue: 21,
        newValue: 20,
        reason: '沿用上一版本的更正：网站栏目实际 20 条，报告笔误',
      }),
    ]);
    const review = report.findings.find((f: { code: string }) => f.code === 'correction.review');
    expect(review).toEqual({
      code: 'correction.review',
      severity: 'warning',
      field: 'proactive.total',
      message:
        '上一版本曾将“主动公开政府信息总数”由 24 更正为 30（按网站统计）；新版本原文此项为 25，与上一版本原文（24）不同，更正未沿用，请核对',
    });
    // and the checks ran on the carried figures: 20 + 4 = 24 against the new total 25
    expect(codes(report.findings)).toContain('proactive.categorySum');
  });

  it('is refused on a version that has been replaced, and nothing is written', async () => {
    const before = await sqlGet(t.db, 'select count(*) as n from corrections');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${id}/figures`,
      payload: { field: 'proactive.total', value: 24, reason: '核对' },
      headers: await t.login('editor'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/已被替换的历史版本，不能更正/);
    expect(await sqlGet(t.db, 'select count(*) as n from corrections')).toEqual(before);
  });

  it('an editor makes the older version current again; the newer one goes to history, audited', async () => {
    const viewer = await t.app.inject({ method: 'POST', url: `/api/reports/${id}/current`, headers: await t.login('viewer') });
    expect(viewer.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: `/api/reports/${id}/current`, headers: await t.login('editor') });
    expect(res.statusCode).toBe(200);
    expect(res.json().isCurrent).toBe(true);
    expect((await get(`/api/reports/${newer}`)).isCurrent).toBe(false);
    // the ranking uses the older version's corrected total again
    expect((await caochang()).value).toBe(30);
    const audit = await sqlAll(t.db, "select actor, target, detail from audit_log where action = 'report.madeCurrent'");
    expect(audit).toEqual([{ actor: 'editor', target: `report ${id}`, detail: JSON.stringify({ replaced: newer }) }]);
  });
});
