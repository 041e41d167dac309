import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../../../server/ingest/formats/errors';
import { unpackZip } from '../../../server/ingest/formats/zip';
import { importDocument } from '../../../server/ingest/import-report';
import { multipart, type TestApp, testApp } from '../../helpers/app';
import { sampleText } from '../../helpers/samples';

// 米易县, 2024. The roster: six units. Four reports, each made from a real sample by hand:
//   新山傈僳族乡: on time (2025-01-13); table 三 row 四 (结转下年度继续办理) set to 1 in 自然人 and
//     总计, so 上年结转 + 新收 (0) ≠ 办理结果总计 + 结转下年 (1): the identity is broken → 数据错误 −2
//   草场镇: signed 2025-02-10, after the deadline 2025-01-31 → 年报未及时公开 −5
//   丙谷镇: signed 2025-03-01 → 年报未及时公开 −5
//   普威镇: its 2023 report (the sample) re-dated to 2024: the prose is last year's → 雷同 −5
//   白马镇, 麻陇彝族乡: no report → 缺报 −100
// Scores (base 100): 新山 98; 丙谷, 草场, 普威 95; 白马, 麻陇 0.
// Ranks: 新山 1; 丙谷, 草场, 普威 2 (a tie); 白马, 麻陇 5. Ties listed by name (pinyin).
// Average (98 + 3 × 95 + 0 + 0) / 6 = 63.83 → 63.8. 主动公开 75 + 24 + 50 + 94 = 243.

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['login']>>;
const MIYI = encodeURIComponent('米易县');

async function add(text: string, name: string) {
  const r = await importDocument(t.db, { bytes: Buffer.from(text), fileName: name, importedBy: 'test' });
  expect(r.status, name).toBe('imported');
  return r;
}

beforeAll(async () => {
  t = await testApp({}, { samples: false });
  admin = await t.login('admin');
  await add(
    sampleText('xinshan').replace('四、结转下年度继续办理 0 0 0 0 0 0 0', '四、结转下年度继续办理 1 0 0 0 0 0 1'),
    'xinshan.txt',
  );
  await add(sampleText('caochang').replace('2025年1月13日', '2025年2月10日'), 'caochang.txt');
  await add(sampleText('binggu').replaceAll('2025年 1月 15日', '2025年 3月 1日'), 'binggu.txt');
  await add(sampleText('puwei'), 'puwei-2023.txt');
  await add(sampleText('puwei').replaceAll('2024', '2025').replaceAll('2023', '2024'), 'puwei-2024.txt');
});
afterAll(() => t.close());

type Row = { rank: number; score: number; organization: { name: string }; deductions: { label: string; points: number }[] };
const pick = (r: Row) => [r.rank, r.organization.name, r.score, r.deductions.map((d) => `${d.label} −${d.points}`)];

async function get(url: string, who = admin) {
  const res = await t.app.inject({ method: 'GET', url, headers: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('roster (应报单位)', () => {
  it('is an admin’s to set; an editor is refused', async () => {
    const editor = await t.login('editor');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/evaluation/roster',
      headers: editor,
      payload: { county: '米易县', year: 2024, names: ['白马镇'] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('imports from Excel: the 单位名称 column, names matched to the units the reports came under', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('名单');
    s.addRow(['序号', '单位名称']);
    for (const [i, n] of [
      '米易县新山傈僳族乡人民政府',
      '草场镇',
      '丙谷镇',
      '普威镇',
      '麻陇彝族乡',
      '白马镇',
      '县城管局的说明',
    ].entries()) {
      s.addRow([i + 1, n]);
    }
    const body = multipart([{ name: '名单.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/evaluation/roster/import?county=${MIYI}&year=2024`,
      payload: body.payload,
      headers: { ...body.headers, ...admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.added.sort()).toEqual(['丙谷镇', '普威镇', '新山傈僳族乡', '白马镇', '草场镇', '麻陇彝族乡'].sort());
    expect(r.refused.map((x: { name: string }) => x.name)).toEqual(['县城管局的说明']);
    // issue 29: said apart — the four units whose reports are in, and the two new to the dashboard
    expect(r.matched.sort()).toEqual(['丙谷镇', '普威镇', '新山傈僳族乡', '草场镇'].sort());
    expect(r.created.sort()).toEqual(['白马镇', '麻陇彝族乡'].sort());
    const roster = await get(`/api/evaluation/roster?county=${MIYI}&year=2024`);
    expect(roster.entries).toHaveLength(6);
    // 新山 is the unit its report came under, not a new one
    expect(roster.entries.filter((e: { reportId: number | null }) => e.reportId !== null)).toHaveLength(4);
  });

  it('refuses a file that is not an Excel workbook, saying so', async () => {
    const body = multipart([{ name: '名单.xlsx', content: Buffer.from('单位名称\n白马镇\n') }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/evaluation/roster/import?county=${MIYI}&year=2024`,
      payload: body.payload,
      headers: { ...body.headers, ...admin },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('不是 Excel');
  });
});

describe('score table', () => {
  it('gives the deductions, scores and ranks computed by hand', async () => {
    const e = await get(`/api/evaluation?county=${MIYI}&year=2024`);
    expect(e.deadline).toBe('2025-01-31');
    expect(e.rows.map(pick)).toEqual([
      [1, '新山傈僳族乡', 98, ['数据错误（表格勾稽关系不成立） −2']],
      [2, '丙谷镇', 95, ['年报未及时公开 −5']],
      [2, '草场镇', 95, ['年报未及时公开 −5']],
      [2, '普威镇', 95, ['与往年或其他单位雷同 −5']],
      [5, '白马镇', 0, ['未发布年度报告（缺报） −100']],
      [5, '麻陇彝族乡', 0, ['未发布年度报告（缺报） −100']],
    ]);
    expect(e.summary).toMatchObject({
      required: 6,
      reported: 4,
      missing: ['白马镇', '麻陇彝族乡'],
      late: ['丙谷镇', '草场镇'],
      // issue 29: “by the deadline” counts only the reports dated on or before it
      onTime: ['新山傈僳族乡', '普威镇'],
      undated: [],
      proactiveUnknown: [],
      copied: ['普威镇'],
      averageScore: 63.8,
      proactiveSum: 243,
      earliest: ['新山傈僳族乡'],
      latest: ['丙谷镇'],
    });
  });

  it('links every deduction to its evidence: the dates and their source, the finding and its line, the copied report', async () => {
    const e = await get(`/api/evaluation?county=${MIYI}&year=2024`);
    const row = (n: string) => e.rows.find((r: Row) => r.organization.name === n);
    expect(row('丙谷镇').deductions[0].evidence[0].text).toBe('发布日期 2025-03-01（报告落款）晚于截止日期 2025-01-31');
    const identity = row('新山傈僳族乡').deductions[0].evidence;
    expect(identity).toHaveLength(2); // the 自然人 and the 总计 column
    expect(identity[0]).toMatchObject({ field: 'applications.total' });
    expect(identity[0].text).toContain('勾稽关系不成立');
    const copied = row('普威镇').deductions[0].evidence[0];
    expect(copied.text).toMatch(/^正文（一、五、六部分）100% 与 普威镇 2023 年度报告相同$/);
    const before = (await get('/api/reports?year=2023')).reports ?? (await get('/api/reports?year=2023')).rows;
    expect(before.map((r: { id: number }) => r.id)).toContain(copied.otherReportId);
  });

  it('counts late by the deadline an admin sets', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/evaluation/deadline',
      headers: admin,
      payload: { year: 2024, deadline: '2025-02-15' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const e = await get(`/api/evaluation?county=${MIYI}&year=2024`);
    // 草场镇 (2025-02-10) is now on time: 100, first; 丙谷镇 (2025-03-01) is still late
    expect(e.rows.slice(0, 3).map(pick)).toEqual([
      [1, '草场镇', 100, []],
      [2, '新山傈僳族乡', 98, ['数据错误（表格勾稽关系不成立） −2']],
      [3, '丙谷镇', 95, ['年报未及时公开 −5']],
    ]);
    const reset = await t.app.inject({
      method: 'PUT',
      url: '/api/evaluation/deadline',
      headers: admin,
      payload: { year: 2024, deadline: null },
    });
    expect(reset.json()).toEqual({ year: 2024, deadline: '2025-01-31', isDefault: true });
  });

  it('scores by the rubric an admin edits (points as data)', async () => {
    const { rubric } = await get('/api/evaluation/rubric?year=2024');
    const changed = {
      ...rubric,
      items: rubric.items.map((i: { id: string }) =>
        i.id === 'copied' ? { ...i, points: 10 } : i.id === 'missing' ? { ...i, points: 60 } : i,
      ),
    };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/evaluation/rubric',
      headers: admin,
      payload: { year: 2024, rubric: changed },
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = await get(`/api/evaluation?county=${MIYI}&year=2024`);
    const score = (n: string) => e.rows.find((r: Row) => r.organization.name === n).score;
    expect([score('普威镇'), score('白马镇'), score('新山傈僳族乡')]).toEqual([90, 40, 98]);
    await t.app.inject({ method: 'PUT', url: '/api/evaluation/rubric', headers: admin, payload: { year: 2024, rubric: null } });
  });

  it('refuses a rubric that cannot be used, saying why', async () => {
    const { rubric } = await get('/api/evaluation/rubric?year=2024');
    const bad = { ...rubric, items: [...rubric.items, { ...rubric.items[1] }] };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/evaluation/rubric',
      headers: admin,
      payload: { year: 2024, rubric: bad },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('项目代码“late”重复');
  });

  it('refuses a deadline that is no date or not in the next year, and an unknown county, in Chinese', async () => {
    const put = (deadline: string) =>
      t.app.inject({ method: 'PUT', url: '/api/evaluation/deadline', headers: admin, payload: { year: 2024, deadline } });
    const bad = await put('2025-02-30');
    expect([bad.statusCode, bad.json().message]).toEqual([400, '“2025-02-30”不是有效日期']);
    const early = await put('2024-12-31');
    expect([early.statusCode, early.json().message]).toEqual([400, '2024 年度报告的截止日期应在 2025 年']);
    const county = await t.app.inject({
      method: 'GET',
      url: `/api/evaluation?county=${encodeURIComponent('不存在县')}&year=2024`,
      headers: admin,
    });
    expect([county.statusCode, county.json().message]).toEqual([404, '县名单中没有“不存在县”']);
  });

  it('scores a year with a roster and no report yet: every unit 缺报, shown rather than skipped', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/evaluation/roster/copy',
      headers: admin,
      payload: { county: '米易县', year: 2025, from: 2024 },
    });
    expect(add.json()).toEqual({ added: 6 });
    const e = await get(`/api/evaluation?county=${MIYI}&year=2025`);
    expect([e.summary.required, e.summary.reported, e.rows.every((r: Row) => r.score === 0 && r.rank === 1)]).toEqual([
      6,
      0,
      true,
    ]);
    // the 数据质量 grid shows 2025 as a column, every unit 缺报 in it
    const q = await get(`/api/quality?county=${MIYI}`);
    expect(q.years).toEqual([2023, 2024, 2025]);
    expect(q.rosterYears).toEqual([2024, 2025]);
    const cell = (name: string, y: number) =>
      q.matrix.find((m: { organization: { name: string } }) => m.organization.name === name).years[y].status;
    expect([cell('新山傈僳族乡', 2025), cell('新山傈僳族乡', 2024), cell('普威镇', 2023)]).toEqual(['missing', 'errors', 'ok']);
    // 2023 has no roster: 新山 sent no 2023 report, which is not 缺报 (issue 29: no list, no 缺报)
    expect(cell('新山傈僳族乡', 2023)).toBe('noRoster');
    // every change to the roster is in the audit log
    const audit = await get('/api/admin/audit?action=roster.changed');
    expect(audit.entries.map((x: { target: string }) => x.target)).toEqual(['米易县2025', '米易县2024']);
  });

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/evaluation?county=${MIYI}&year=2024` });
    expect(res.statusCode).toBe(401);
  });

  it('exports the score table to Excel with the evidence sheet', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/export/evaluation.xlsx?county=${MIYI}&year=2024`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    // title, export time, headers, then the units in rank order
    expect(sheet.getRow(3).getCell(2).value).toBe('单位');
    const rows = [4, 5, 6, 7, 8, 9].map((n) => [
      sheet.getRow(n).getCell(1).value,
      sheet.getRow(n).getCell(2).value,
      sheet.getRow(n).getCell(8).value,
    ]);
    expect(rows).toEqual([
      [1, '新山傈僳族乡', 98],
      [2, '丙谷镇', 95],
      [2, '草场镇', 95],
      [2, '普威镇', 95],
      [5, '白马镇', 0],
      [5, '麻陇彝族乡', 0],
    ]);
    expect(wb.worksheets[1]?.name).toBe('扣分依据');
  });
});

describe('copies', () => {
  it('lists the pairs at or above the threshold with their share', async () => {
    const c = await get(`/api/evaluation/copies?county=${MIYI}&year=2024`);
    expect(c.threshold).toBe(0.8);
    expect(
      c.pairs.map((p: { organization: string; otherOrganization: string; otherYear: number; ratio: number }) => [
        p.organization,
        p.otherOrganization,
        p.otherYear,
        p.ratio,
      ]),
    ).toEqual([['普威镇', '普威镇', 2023, 1]]);
  });

  it('sets the two reports side by side with the shared passages marked', async () => {
    const c = await get(`/api/evaluation/copies?county=${MIYI}&year=2024`);
    const p = c.pairs[0];
    const cmp = await get(`/api/evaluation/compare?a=${p.reportId}&b=${p.otherReportId}`);
    expect(cmp.a.organization).toBe('普威镇');
    expect([cmp.a.year, cmp.b.year]).toEqual([2024, 2023]);
    const problems = cmp.a.sections.find((s: { title: string }) => s.title === '五、存在的主要问题');
    expect(
      problems.segments.some((s: { text: string; shared: boolean }) => s.shared && s.text.includes('政务网站管理人员流动频繁')),
    ).toBe(true);
  });
});

describe('通报', () => {
  it('is a Word file with the county, the year, the figures and the units in rank order', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/evaluation/bulletin.docx?county=${MIYI}&year=2024&docNumber=${encodeURIComponent('米政务公开〔2025〕3号')}`,
      headers: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
    const text = value.replace(/\s+/g, '');
    expect(text).toContain('米政务公开〔2025〕3号');
    expect(text).toContain('关于米易县2024年度政府信息公开工作年度报告发布情况的通报');
    expect(text).toContain(
      '截至2025年1月31日（报告发布截止日期），全县应报单位6家，按时发布年度报告2家；截止日期后逾期发布2家；至今未发布2家。已发布报告共主动公开政府信息243条。各单位平均得分63.8分。',
    );
    expect(text).toContain('新山傈僳族乡得分最高（98分）');
    expect(text).toContain('丙谷镇发布最晚（2025年3月1日）');
    expect(text).toContain('年报未及时公开。丙谷镇、草场镇，共2家。');
    expect(text).toContain('未发布年度报告（缺报）。白马镇、麻陇彝族乡，共2家。');
    const table = text.slice(text.indexOf('附表'));
    const order = ['新山傈僳族乡', '丙谷镇', '草场镇', '普威镇', '白马镇', '麻陇彝族乡'].map((n) => table.indexOf(n));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(table).toContain('1新山傈僳族乡2025-01-1375数据错误（表格勾稽关系不成立）（−2）98');
    // issue 29: A4 pages numbered in the footer, `— N —` centred, as 公文 are printed
    const parts = await unpackZip(res.rawPayload, {
      maxEntries: 100,
      maxEntry: 20e6,
      maxTotal: 50e6,
      corrupt: () => new FormatError('format.corrupt', '损坏', 'corrupt'),
      bomb: () => new FormatError('format.zipBomb', '过大', 'bomb'),
    });
    const documentXml = parts.get('word/document.xml')?.toString('utf8') ?? '';
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const footerName = /Target="(footer\d+\.xml)"/.exec(parts.get('word/_rels/document.xml.rels')?.toString('utf8') ?? '')?.[1];
    const footer = parts.get(`word/${footerName}`)?.toString('utf8') ?? '';
    expect(footer).toContain('<w:jc w:val="center"/>');
    expect(footer.replace(/<[^>]+>/g, '')).toMatch(/^— PAGE\s*—$/);
    // the ranking chart is in it, as an image
    const html = await mammoth.convertToHtml({ buffer: res.rawPayload });
    expect(html.value).toMatch(/<img alt="米易县2024年度政府信息公开工作年度报告考核得分排名" src="data:image\/png;base64,/);
  });
});

describe('a roster set before the reports come in (January)', () => {
  it('counts a report under its short name for the unit the roster listed by its full name', async () => {
    // the roster lists 麻陇彝族乡; its report, when it comes, calls itself 米易县麻陇乡
    const text = sampleText('caochang').replaceAll('草场镇', '麻陇乡');
    const r = await add(text, 'malong.txt');
    const roster = await get(`/api/evaluation/roster?county=${MIYI}&year=2024`);
    const entry = roster.entries.find((e: { organization: { name: string } }) => e.organization.name === '麻陇彝族乡');
    expect(entry.reportId).toBe(r.reportId);
    const e = await get(`/api/evaluation?county=${MIYI}&year=2024`);
    expect(e.summary.missing).toEqual(['白马镇']);
    expect(e.summary.unlisted).toEqual([]);
  });
});
