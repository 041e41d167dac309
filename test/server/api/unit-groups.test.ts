import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { sampleText } from '../../helpers/samples';

// Issue 29: a district government (4109), a department and townships were ranked together. The
// samples (米易县 2024: 新山傈僳族乡 75, 丙谷镇 50, 草场镇 24; 普威镇 has only 2023) plus two reports made
// from 新山's by hand: 米易县农业农村局 (a department) 300, and 米易县人民政府 (the county government) 4109.
// By hand: townships 新山 1, 丙谷 2, 草场 3, 普威 缺报, their sum 149; the department and the
// government each rank 1 in their own group, never above a township.
const MIYI = encodeURIComponent('米易县');
let t: TestApp;

function madeFrom(name: string, self: string, total: number): string {
  return `${name}2024年政府信息公开工作年度报告\n${sampleText('xinshan')
    .replace('米易县新山傈僳族乡人民政府', name)
    .replace(/我乡/g, `我${self}`)
    .replace(/全乡/g, `全${self}`)
    .replace('主动公开信息 75 条', `主动公开信息 ${total} 条`)}`;
}

beforeAll(async () => {
  t = await testApp();
  for (const [file, text] of [
    ['nongye.txt', madeFrom('米易县农业农村局', '局', 300)],
    ['xianzhengfu.txt', madeFrom('米易县人民政府', '县', 4109)],
  ]) {
    const r = await importDocument(t.db, { bytes: Buffer.from(text as string), fileName: file as string, importedBy: 'test' });
    expect(r.status).toBe('imported');
  }
});
afterAll(() => t.close());

const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();
const line = (r: { rank: number | null; organization: { name: string }; value: number | null; group: string }) =>
  [r.group, r.rank, r.organization.name, r.value] as const;

describe('rankings by kind of unit', () => {
  it('ranks the townships by default, alone; says which groups there are', async () => {
    const page = await get(`/api/rankings?year=2024&county=${MIYI}`);
    expect(page.group).toBe('township');
    expect(page.groups).toEqual([
      { group: 'township', label: '乡镇（街道）', organizations: 4 },
      { group: 'department', label: '县直部门', organizations: 1 },
      { group: 'government', label: '县（区）政府', organizations: 1 },
    ]);
    expect(page.rows.map(line)).toEqual([
      ['township', 1, '新山傈僳族乡', 75],
      ['township', 2, '丙谷镇', 50],
      ['township', 3, '草场镇', 24],
      ['township', null, '普威镇', null],
    ]);
    expect(page.summary.sum).toBe(149);
  });

  it('all: each group ranked on its own, townships first', async () => {
    const page = await get(`/api/rankings?year=2024&county=${MIYI}&group=all`);
    expect(page.rows.map(line)).toEqual([
      ['township', 1, '新山傈僳族乡', 75],
      ['township', 2, '丙谷镇', 50],
      ['township', 3, '草场镇', 24],
      ['township', null, '普威镇', null],
      ['department', 1, '米易县农业农村局', 300],
      ['government', 1, '米易县', 4109],
    ]);
  });

  it('one group: the departments', async () => {
    const page = await get(`/api/rankings?year=2024&county=${MIYI}&group=department`);
    expect(page.rows.map(line)).toEqual([['department', 1, '米易县农业农村局', 300]]);
  });

  it('the Excel ranking has one sheet per group, each ranked apart', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/export/rankings.xlsx?year=2024&county=${MIYI}&group=all` });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['2024年乡镇（街道）排名', '2024年县直部门排名', '2024年县（区）政府排名']);
    const dept = wb.getWorksheet('2024年县直部门排名');
    const cells = (n: number) => (dept?.getRow(n).values as unknown[]).slice(1, 5);
    expect(cells(3)).toEqual(['名次', '单位', '所属县（区）', '主动公开信息总数（条）']);
    expect(cells(4)).toEqual([1, '米易县农业农村局', '米易县', 300]);
  });

  it('the trend total and the categories sum one group (149 for the townships, not 149 + 300 + 4109)', async () => {
    const trends = await get(`/api/trends?from=2024&to=2024&county=${MIYI}`);
    expect(trends.total).toEqual([{ year: 2024, value: 149, reports: 3, unreadable: 0, comparable: 149 }]);
    const all = await get(`/api/trends?from=2024&to=2024&county=${MIYI}&group=all`);
    expect(all.total[0].value).toBe(149 + 300 + 4109);
    const cats = await get(`/api/categories?year=2024&county=${MIYI}`);
    expect(cats.rows.map((r: { organization: { name: string } }) => r.organization.name)).toEqual([
      '新山傈僳族乡',
      '丙谷镇',
      '草场镇',
    ]);
  });
});

describe('the 考核 and the 通报 rank each kind apart', () => {
  it('every unit on record scored, each group ranked from 1; the 通报 names the best of each kind and says the kind in its annex', async () => {
    const headers = await t.login('viewer');
    const e = (await t.app.inject({ method: 'GET', url: `/api/evaluation?county=${MIYI}&year=2024`, headers })).json();
    const groups = e.rows.map((r: { group: string }) => r.group);
    expect(groups).toEqual(['township', 'township', 'township', 'township', 'department', 'government']);
    const ofGroup = (g: string) =>
      e.rows
        .filter((r: { group: string }) => r.group === g)
        .map((r: { rank: number; organization: { name: string } }) => [r.rank, r.organization.name]);
    expect(ofGroup('department')).toEqual([[1, '米易县农业农村局']]);
    expect(ofGroup('government')).toEqual([[1, '米易县']]);
    expect(ofGroup('township')[0][0]).toBe(1);

    const b = (await t.app.inject({ method: 'GET', url: `/api/evaluation/bulletin?county=${MIYI}&year=2024`, headers })).json();
    const text = b.blocks.map((x: { text: string }) => x.text).join('\n');
    expect(text).toMatch(/县直部门中米易县农业农村局得分最高（\d+分）/);
    expect(text).toMatch(/县（区）政府中米易县得分最高（\d+分）/);
    expect(b.table.headers).toEqual(['排名', '类别（分别排名）', '单位', '发布日期', '主动公开（条）', '扣分项', '得分']);
    expect(b.table.rows.map((r: string[]) => [r[0], r[1], r[2]]).slice(-2)).toEqual([
      ['1', '县直部门', '米易县农业农村局'],
      ['1', '县（区）政府', '米易县'],
    ]);
  });
});
