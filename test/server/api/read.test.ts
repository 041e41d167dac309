import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('reading the five samples', () => {
  it('answers health, years, counties and organisations', async () => {
    // the samples were read by the engine: it is ready for the next file
    expect((await get('/api/health')).json()).toEqual({ status: 'ok', reader: 'ready' });
    expect((await get('/api/years')).json()).toEqual({
      years: [
        { year: 2024, reports: 4 },
        { year: 2023, reports: 1 },
      ],
    });
    expect((await get('/api/counties')).json()).toEqual({
      counties: [
        { county: '米易县', organizations: 4 },
        { county: null, organizations: 1 },
      ],
    });
    const orgs = (await get(`/api/organizations?county=${encodeURIComponent('米易县')}`)).json().organizations;
    expect(orgs.map((o: { name: string }) => o.name).sort()).toEqual(['丙谷镇', '新山傈僳族乡', '普威镇', '草场镇'].sort());
    expect((await get('/api/organizations?county=')).json().organizations.map((o: { name: string }) => o.name)).toEqual([
      '小铺乡',
    ]);
  });

  it('sends security headers and a strict Content-Security-Policy on API answers and pages', async () => {
    for (const url of ['/api/rankings?year=2024', '/', '/rankings']) {
      const res = await get(url);
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('pages a ranking, filters it by name, and sums the whole of it whatever the page', async () => {
    const page = (await get('/api/rankings?year=2024&limit=2&offset=1')).json();
    expect(page.rows.map((r: { organization: { name: string }; rank: number }) => [r.organization.name, r.rank])).toEqual([
      ['新山傈僳族乡', 2],
      ['丙谷镇', 3],
    ]);
    expect({ total: page.total, offset: page.offset, limit: page.limit }).toEqual({ total: 5, offset: 1, limit: 2 });
    // 503 + 75 + 50 + 24; 普威镇's report is for 2023
    expect(page.summary).toMatchObject({ organizations: 5, received: 4, ranked: 4, noValue: 0, sum: 652 });
    const quality = (await get('/api/quality?year=2024')).json();
    const withErrors = new Set(
      quality.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { reportId: number }) => f.reportId),
    );
    expect(page.summary.reportsWithErrors).toBe(withErrors.size);
    const searched = (await get(`/api/rankings?year=2024&q=${encodeURIComponent('镇')}`)).json();
    // ranks stay those of the whole ranking
    expect(
      searched.rows.map((r: { organization: { name: string }; rank: number | null }) => [r.organization.name, r.rank]),
    ).toEqual([
      ['丙谷镇', 3],
      ['草场镇', 4],
      ['普威镇', null],
    ]);
    expect(searched.total).toBe(3);
    expect(searched.summary.organizations).toBe(5);
    expect((await get('/api/rankings?year=2024&limit=0')).statusCode).toBe(400);
    expect((await get('/api/rankings?year=2024&limit=5001')).statusCode).toBe(400);
  });

  it('gives category totals over all towns, the top towns by total, or the reports asked for', async () => {
    const all = (await get('/api/categories?year=2024')).json();
    expect(all.total).toBe(4);
    const top = (await get('/api/categories?year=2024&limit=2')).json();
    expect(top.rows.map((r: { organization: { name: string } }) => r.organization.name)).toEqual(['小铺乡', '新山傈僳族乡']);
    expect(top.totals).toEqual(all.totals);
    // 新山傈僳族乡 alone: 工作动态 34 (the sample's own breakdown: 34/8/11/22)
    const xinshan = all.rows.find((r: { organization: { name: string } }) => r.organization.name === '新山傈僳族乡');
    const one = (await get(`/api/categories?year=2024&reports=${xinshan.reportId}`)).json();
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0].categories.工作动态).toBe(34);
    const sum = all.rows.reduce(
      (s: number, r: { categories: Record<string, number | null> }) => s + (r.categories.工作动态 ?? 0),
      0,
    );
    expect(all.totals.工作动态.sum).toBe(sum);
  });

  it('ranks 2024: 小铺乡 503, 新山傈僳族乡 75, 丙谷镇 50, 草场镇 24, and 普威镇 missing', async () => {
    const res = await get('/api/rankings?year=2024');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2024, metric: 'proactive' });
    expect(
      body.rows.map((r: { rank: number; organization: { name: string }; value: number; status: string }) => [
        r.rank,
        r.organization.name,
        r.value,
        r.status,
      ]),
    ).toEqual([
      [1, '小铺乡', 503, 'ranked'],
      [2, '新山傈僳族乡', 75, 'ranked'],
      [3, '丙谷镇', 50, 'ranked'],
      [4, '草场镇', 24, 'ranked'],
      [null, '普威镇', null, 'missing'],
    ]);
    expect(body.rows[0]).toMatchObject({
      organization: { name: '小铺乡', county: null },
      previous: null,
      change: null,
      changePct: null,
      rankChange: null,
    });
  });

  it('leaves 小铺乡 out of the 米易县 ranking', async () => {
    const body = (await get(`/api/rankings?year=2024&county=${encodeURIComponent('米易县')}`)).json();
    expect(body.rows.map((r: { organization: { name: string } }) => r.organization.name)).toEqual([
      '新山傈僳族乡',
      '丙谷镇',
      '草场镇',
      '普威镇',
    ]);
  });

  it('ranks a category, with a report that lists none shown as having no value', async () => {
    const body = (await get(`/api/rankings?year=2024&metric=${encodeURIComponent('category:工作动态')}`)).json();
    expect(
      body.rows.map((r: { organization: { name: string }; value: number | null; status: string }) => [
        r.organization.name,
        r.value,
        r.status,
      ]),
    ).toEqual([
      ['丙谷镇', 37, 'ranked'],
      ['新山傈僳族乡', 34, 'ranked'],
      ['草场镇', 20, 'ranked'],
      ['小铺乡', null, 'noValue'],
      ['普威镇', null, 'missing'],
    ]);
  });

  it('ranks a table figure: every town received 0 applications, so all share rank 1', async () => {
    const body = (await get('/api/rankings?year=2024&metric=newReceived')).json();
    expect(body.rows.filter((r: { status: string }) => r.status === 'ranked').map((r: { rank: number }) => r.rank)).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it('gives canonical categories per organisation', async () => {
    const body = (await get('/api/categories?year=2024')).json();
    const xinshan = body.rows.find((r: { organization: { name: string } }) => r.organization.name === '新山傈僳族乡');
    expect(xinshan.categories).toEqual({ 工作动态: 34, 通知公告: 8, 图片展示: 11, 机构职能: 22 });
    expect(body.categories).toContain('工作动态');
  });

  it('gives a report as the contract object with its history and source text', async () => {
    const list = (await get('/api/reports?year=2024')).json().reports;
    const id = list.find((r: { organization: { name: string } }) => r.organization.name === '新山傈僳族乡').id;
    const report = (await get(`/api/reports/${id}`)).json();
    expect(report).toMatchObject({
      id,
      year: 2024,
      publishedOn: '2025-01-13',
      template: '2021',
      org: { name: '新山傈僳族乡', county: '米易县' },
    });
    expect(report.proactive.total).toBe(75);
    expect(report.applications.newReceived).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(report.provenance['applications.newReceived[0]'].line).toBeGreaterThan(100);
    expect(report.versions).toHaveLength(1);
    expect(report.corrections).toEqual([]);
    expect(report.sourceText.slice(report.provenance['proactive.total'].start, report.provenance['proactive.total'].end)).toBe(
      '75 条',
    );
  });

  it('returns the original file with its type and name', async () => {
    const res = await get('/api/reports/1/source');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''000_5a7ea496aafc5095.txt");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe(' 2024');
  });

  it('reports data quality: findings, late reports and the missing-report matrix', async () => {
    const body = (await get('/api/quality?year=2024')).json();
    expect(body.findings.map((f: { organization: { name: string }; code: string }) => [f.organization.name, f.code])).toEqual([
      ['小铺乡', 'published.missing'],
    ]);
    expect(body.late).toEqual([]);
    expect(body.years).toEqual([2023, 2024]);
    const puwei = body.matrix.find((m: { organization: { name: string } }) => m.organization.name === '普威镇');
    expect(puwei.years['2024']).toEqual({ status: 'missing' });
    expect(puwei.years['2023'].status).toBe('ok');
  });

  it('says whether demo data is loaded', async () => {
    expect((await get('/api/status')).json()).toEqual({ demo: false });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const doc = (await get('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/rankings', '/api/reports/{id}', '/api/export/reports.xlsx']),
    );
  });
});

describe('Excel exports', () => {
  async function workbook(url: string) {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { wb, res };
  }

  it('exports the ranking with Chinese headers and numbers as numbers', async () => {
    const { wb, res } = await workbook('/api/export/rankings.xlsx?year=2024');
    expect(decodeURIComponent(res.headers['content-disposition'] as string)).toContain('2024年主动公开信息总数排名.xlsx');
    const sheet = wb.worksheets[0];
    // a title and the time of export above the headers, as the 通报 needs them
    expect(sheet?.getRow(1).getCell(1).value).toBe('全部县（区） 2024 年乡镇（街道）主动公开信息总数排名（5 个单位）');
    expect(String(sheet?.getRow(2).getCell(1).value)).toMatch(/^导出时间：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（北京时间）$/);
    expect(sheet?.getRow(3).values).toEqual([
      undefined,
      '名次',
      '单位',
      '所属县（区）',
      '主动公开信息总数（条）',
      '上年',
      '增减',
      '增减（%）',
      '名次变化（正数为上升）',
      '分类',
      '错误',
      '提示',
      '说明',
    ]);
    expect(sheet?.getRow(4).getCell(2).value).toBe('小铺乡');
    expect(sheet?.getRow(4).getCell(4).value).toBe(503);
    expect(sheet?.getRow(4).getCell(3).value).toBe('未分配');
    // 草场镇 (row 7): 24, its categories as the page lists them, no findings
    expect(sheet?.getRow(7).getCell(4).value).toBe(24);
    expect(sheet?.getRow(7).getCell(9).value).toBe('工作动态 20、通知公告 4');
    expect([sheet?.getRow(7).getCell(10).value, sheet?.getRow(7).getCell(11).value]).toEqual([0, 0]);
    expect(sheet?.getRow(8).getCell(2).value).toBe('普威镇');
    expect(sheet?.getRow(8).getCell(12).value).toBe('缺报');
  });

  it('exports every report of the year, one sheet per template table', async () => {
    const { wb } = await workbook('/api/export/reports.xlsx?year=2024');
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '主动公开信息',
      '表二 主动公开（第二十条）',
      '表三 依申请公开',
      '表四 复议诉讼',
    ]);
    const proactive = wb.getWorksheet('主动公开信息');
    expect(proactive?.getRow(1).getCell(1).value).toBe('全部县（区） 2024 年主动公开信息');
    expect(proactive?.rowCount).toBe(2 + 5);
    expect(proactive?.getRow(4).getCell(1).value).toBe('小铺乡');
    expect(proactive?.getRow(4).getCell(3).value).toBe(503);
    const three = wb.getWorksheet('表三 依申请公开');
    expect(three?.getRow(3).getCell(3).value).toBe('一、本年新收政府信息公开申请数量·自然人');
    expect(three?.columnCount).toBe(2 + 25 * 7);
    expect(three?.getRow(4).getCell(3).value).toBe(0);
  });
});

describe('categories', () => {
  it('lists a report’s categories in the template’s order, not alphabetically', async () => {
    // 新山傈僳族乡 lists 工作动态 34, 通知公告 8, 图片展示 11, 组织机构 22 (机构职能); by the canonical order
    // 工作动态, 通知公告, 图片展示, …, 机构职能 — the database's own order would put 图片展示 first
    const rows = (await get('/api/categories?year=2024')).json().rows;
    const xinshan = rows.find((r: { organization: { name: string } }) => r.organization.name === '新山傈僳族乡');
    expect(Object.entries(xinshan.categories)).toEqual([
      ['工作动态', 34],
      ['通知公告', 8],
      ['图片展示', 11],
      ['机构职能', 22],
    ]);
  });
});
