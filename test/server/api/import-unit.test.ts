import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../helpers/app';
import { sqlAll } from '../../helpers/db';
import { importQueueClient } from '../../helpers/imports';
import { sampleText } from '../../helpers/samples';

// Issue 28: a report whose text names no unit is not refused for good. 草场镇 2024 with every mention
// of the town written as 我镇 (title, body and signature): by hand it is still a 2024 report of 米易县
// with 24 items published, and no unit. The uploader names a new unit (青石镇) for it; the same text
// for 2023 (24 → 18) is then put under that unit by its id, as the page's list of units offers it.
const unnamed = sampleText('caochang').replace(/(?:米易县)?草场镇(?:人民政府)?/g, '我镇');
const lastYear = unnamed
  .replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 18 条')
  .replace(/2024/g, '2023')
  .replace(/2025/g, '2024');

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const { enqueue, jobs } = importQueueClient(() => t);
const assign = async (id: number, unit: object, who = 'editor') =>
  t.app.inject({ method: 'POST', url: `/api/imports/${id}/unit`, payload: unit, headers: await t.login(who) });

describe('a report whose unit the text does not name', () => {
  let first: number;
  let second: number;

  it('waits for its uploader to choose a unit, the file kept', async () => {
    const queued = await enqueue([
      { name: '2024年报.txt', content: unnamed },
      { name: '2023年报.txt', content: lastYear },
    ]);
    await t.app.imports.whenIdle();
    const read = await jobs(queued.map((j) => j.id));
    expect(read.map((j) => [j.stage, j.result?.status, j.result?.unitUnknown])).toEqual([
      ['failed', 'failed', true],
      ['failed', 'failed', true],
    ]);
    expect(read[0]?.result?.reason?.zh).toContain('无法识别报告所属单位名称');
    [first, second] = read.map((j) => j.id) as [number, number];
    const kept = await sqlAll(t.db, `select id from import_jobs where id in (${first}, ${second}) and bytes is not null`);
    expect(kept).toHaveLength(2);
  });

  it('refuses a viewer, a bad name and a job that is not waiting', async () => {
    expect((await assign(first, { name: '青石镇' }, 'viewer')).statusCode).toBe(403);
    const bad = await assign(first, { name: '=HYPERLINK("x")' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('单位名称不能以 = + - @ 开头');
    expect((await assign(999999, { name: '青石镇' })).statusCode).toBe(404);
  });

  it('a new unit by name: the report lands under it, in its county, with a finding saying who chose it', async () => {
    const res = await assign(first, { name: '青石镇' });
    expect(res.statusCode).toBe(200);
    await t.app.imports.whenIdle();
    const [job] = await jobs([first]);
    expect([job?.stage, job?.result?.status, job?.result?.organization?.name, job?.result?.year]).toEqual([
      'done',
      'imported',
      '青石镇',
      2024,
    ]);
    const report = (await t.app.inject({ method: 'GET', url: `/api/reports/${job?.result?.reportId}` })).json();
    expect([report.organization.name, report.organization.county, report.proactive.total]).toEqual(['青石镇', '米易县', 24]);
    const codes = report.findings.map((f: { code: string }) => f.code);
    expect(codes).toContain('org.assigned');
    expect(codes).not.toContain('org.missing');
    expect(report.findings.find((f: { code: string }) => f.code === 'org.assigned').message).toBe(
      '报告中未能识别单位名称，导入时由 editor 指定为“青石镇”',
    );
    // and a second try on the same job finds nothing waiting
    expect((await assign(first, { name: '青石镇' })).statusCode).toBe(404);
    // re-reading it with the same reader changes nothing: it stays under the unit chosen for it
    const reread = await t.app.inject({
      method: 'POST',
      url: '/api/admin/reread/preview',
      payload: { reportId: job?.result?.reportId },
      headers: await t.login('admin'),
    });
    expect([reread.json().checked, reread.json().reports]).toEqual([1, []]);
  });

  it('an existing unit by its id: the other year lands under the same unit; both imports audited', async () => {
    const units = (await t.app.inject({ method: 'GET', url: '/api/organizations' })).json();
    const qingshi = units.organizations.find((o: { name: string }) => o.name === '青石镇').id as number;
    expect((await assign(second, { organizationId: qingshi })).statusCode).toBe(200);
    await t.app.imports.whenIdle();
    const [job] = await jobs([second]);
    expect([job?.result?.status, job?.result?.organization?.name, job?.result?.year]).toEqual(['imported', '青石镇', 2023]);
    const years = (await t.app.inject({ method: 'GET', url: `/api/reports?organization=${qingshi}` })).json();
    expect(years.reports.map((r: { year: number; proactiveTotal: number }) => [r.year, r.proactiveTotal])).toEqual([
      [2024, 24],
      [2023, 18],
    ]);
    // each file audited as it was refused, then as it was imported under the unit chosen
    const audit = (await sqlAll(t.db, "select target, detail from audit_log where action = 'import' order by id")) as {
      target: string;
      detail: string;
    }[];
    expect(audit.map((a) => [a.target, JSON.parse(a.detail).status, JSON.parse(a.detail).organization])).toEqual([
      ['2024年报.txt', 'failed', null],
      ['2023年报.txt', 'failed', null],
      ['2024年报.txt', 'imported', '青石镇'],
      ['2023年报.txt', 'imported', '青石镇'],
    ]);
  });
});
