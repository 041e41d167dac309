import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { sqlGet } from '../../helpers/db';
import { sampleText } from '../../helpers/samples';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = async (url: string, who = 'editor') =>
  (await t.app.inject({ method: 'GET', url, headers: await t.login(who) })).json();
const idOf = async (name: string) =>
  (await get('/api/organizations')).organizations.find((o: { name: string }) => o.name === name)?.id as number;
const patch = async (id: number, body: object, who = 'editor') =>
  t.app.inject({ method: 'PATCH', url: `/api/organizations/${id}`, payload: body, headers: await t.login(who) });

describe('organisations (the 单位 page)', () => {
  it('sets the county of a unit whose report never names it, only to a county on the list; audited', async () => {
    const xiaopu = await idOf('小铺乡');
    expect((await patch(xiaopu, { county: '米易县' }, 'viewer')).statusCode).toBe(403);
    const off = await patch(xiaopu, { county: '不在名单县' });
    expect([off.statusCode, off.json().message]).toEqual([400, '“不在名单县”不在县名单中，请先由管理员添加']);
    expect((await patch(xiaopu, { county: '米易县' })).statusCode).toBe(204);
    const miyi = await get(`/api/organizations?county=${encodeURIComponent('米易县')}`);
    expect(miyi.organizations.map((o: { name: string }) => o.name)).toContain('小铺乡');
    const audit = (await sqlGet(
      t.db,
      "select actor, target, detail from audit_log where action = 'organization.county' and actor = 'editor'",
    )) as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ organizationId: xiaopu, county: '米易县', previous: null });
  });

  it('renames a unit and keeps the old name, so a later report under it still finds the unit', async () => {
    const xiaopu = await idOf('小铺乡');
    expect((await patch(xiaopu, { name: '小铺傈僳族乡' })).statusCode).toBe(204);
    const details = (await get('/api/organizations/details')).organizations.find((o: { id: number }) => o.id === xiaopu);
    expect(details).toMatchObject({ name: '小铺傈僳族乡', county: '米易县', reports: 1 });
    expect(details.aliases).toEqual(expect.arrayContaining(['小铺乡', '小铺傈僳族乡']));
    // the 2023 report of 小铺乡, published under the old name
    const r = await importDocument(t.db, {
      bytes: Buffer.from(sampleText('xiaopu').replace(/2024/g, '2023').replace(/2025/g, '2024')),
      fileName: '小铺乡2023.md',
      importedBy: 'test',
    });
    expect(r.organization?.id).toBe(xiaopu);
  });

  it('merges a unit imported under another name: its reports move, the later import stays current', async () => {
    // 新山傈僳族乡's 2024 report republished after the 乡 became a 镇 (撤乡设镇): a name the matcher
    // rightly does not tie to the 乡 by itself
    const text = sampleText('xinshan')
      .replaceAll('新山傈僳族乡', '新山镇')
      .replaceAll('新山乡', '新山镇')
      .replace('主动公开信息 75 条', '主动公开信息 77 条');
    const other = await importDocument(t.db, { bytes: Buffer.from(text), fileName: '新山镇.txt', importedBy: 'test' });
    expect(other.status).toBe('imported');
    const into = await idOf('新山傈僳族乡');
    const from = other.organization?.id as number;
    expect(from).not.toBe(into);
    const merge = (body: object) =>
      t
        .login('editor')
        .then((headers) => t.app.inject({ method: 'POST', url: `/api/organizations/${into}/merge`, payload: body, headers }));
    expect((await merge({ from: into })).statusCode).toBe(400);
    expect((await merge({ from })).statusCode).toBe(204);
    const list = await get('/api/organizations');
    expect(list.organizations.some((o: { id: number }) => o.id === from)).toBe(false);
    // one current 2024 report for the unit: the later import (77), the sample's (75) in history
    const reports = (await get(`/api/reports?organization=${into}&history=true`)).reports;
    expect(
      reports.map((r: { year: number; proactiveTotal: number; isCurrent: boolean }) => [r.year, r.proactiveTotal, r.isCurrent]),
    ).toEqual([
      [2024, 77, true],
      [2024, 75, false],
    ]);
    const details = (await get('/api/organizations/details')).organizations.find((o: { id: number }) => o.id === into);
    expect(details.aliases).toContain('新山镇');
    expect(await sqlGet(t.db, "select count(*) as n from audit_log where action = 'organization.merged'")).toEqual({
      n: 1,
    });
  });
});
