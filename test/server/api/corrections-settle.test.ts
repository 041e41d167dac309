import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { sampleText } from '../../helpers/samples';

// Issue 28: a correction of a figure that could not be read settles the finding that said so. 草场镇
// 2024 as published, with its total masked (`** 条`, as some portals print it) and the 自然人 cell of
// 表三's first row printed as `/`: by hand, the report then has no total (proactive.masked) and one
// blank cell (figure.null on applications.newReceived[0]); the original says 24 and 0.
const damaged = sampleText('caochang')
  .replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 ** 条')
  .replace(/(一、本年新收政府信息公开申请数量\t\t)0/, '$1/');

let t: TestApp;
let id: number;
let organization: number;
beforeAll(async () => {
  t = await testApp();
  const r = await importDocument(t.db, { bytes: Buffer.from(damaged), fileName: '草场镇2024年报.txt', importedBy: 'test' });
  id = r.reportId as number;
});
afterAll(() => t.close());

const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();
const codes = (report: { findings: { code: string; field: string | null }[] }) =>
  report.findings.map((f) => `${f.code} ${f.field ?? ''}`.trim());
// as the report page sends it: with the value the editor saw, null for a figure that could not be read
const correct = async (field: string, value: number) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/reports/${id}/figures`,
    payload: { field, value, reason: '与原件核对', expected: null },
    headers: await t.login('editor'),
  });

describe('a correction of a figure that could not be read settles its finding', () => {
  it('starts with the total and the cell unread, each with its finding', async () => {
    const report = await get(`/api/reports/${id}`);
    organization = report.organization.id;
    expect(report.proactive.total).toBeNull();
    expect(codes(report)).toContain('proactive.masked proactive.total');
    expect(codes(report)).toContain('figure.null applications.newReceived[0]');
  });

  it('the total entered by hand clears 主动公开 findings and shows in the unit’s years and the ranking', async () => {
    const res = await correct('proactive.total', 24);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.proactive.total).toBe(24);
    expect(codes(report).filter((c) => c.startsWith('proactive.'))).toEqual([]);
    // the cell is still unread: its finding stays
    expect(codes(report)).toContain('figure.null applications.newReceived[0]');
    const years = await get(`/api/reports?organization=${organization}`);
    expect(years.reports.find((r: { id: number }) => r.id === id).proactiveTotal).toBe(24);
    const ranking = await get('/api/rankings?year=2024');
    expect(ranking.rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇').value).toBe(24);
  });

  it('the blank cell entered by hand clears its finding, and 数据质量 no longer lists it', async () => {
    const report = (await correct('applications.newReceived[0]', 0)).json();
    expect(codes(report).filter((c) => c.includes('applications.newReceived'))).toEqual([]);
    const quality = await get('/api/quality?year=2024');
    const left = quality.findings.filter((f: { reportId: number }) => f.reportId === id).map((f: { code: string }) => f.code);
    expect(left).not.toContain('figure.null');
    expect(left).not.toContain('proactive.masked');
  });
});
