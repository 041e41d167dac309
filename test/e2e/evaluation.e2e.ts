import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../server/ingest/import-report';
import { PASSWORD } from '../helpers/app';
import { sampleText } from '../helpers/samples';
import { ARTIFACTS, field, login, startDashboard, textOf } from './harness';

// The samples: 米易县 2024 has 新山傈僳族乡 (signed 2025-01-13), 草场镇 (2025-01-13) and 丙谷镇
// (2025-01-15), all on time and passing every check; 普威镇's report is of 2023. The roster the
// admin imports names those four and 白马镇. By hand, with the default rubric (base 100):
// 新山, 草场, 丙谷 100 (rank 1); 白马镇 and 普威镇 have no 2024 report: 缺报 −100 → 0 (rank 4).

let d: Awaited<ReturnType<typeof startDashboard>>;
beforeAll(async () => {
  d = await startDashboard();
});
afterAll(() => d.close());

const URL = (tab: string) => `/evaluation?county=${encodeURIComponent('米易县')}&year=2024&tab=${tab}`;

async function rosterWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('应报单位');
  s.addRow(['单位名称']);
  for (const n of ['新山傈僳族乡', '米易县草场镇人民政府', '丙谷镇', '普威镇', '白马镇']) s.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the annual evaluation', () => {
  it('an admin imports the roster from Excel and sees who has not reported', async () => {
    const page = await d.page();
    await login(page, d.base, 'admin', PASSWORD);
    await page.goto(`${d.base}${URL('roster')}`);
    await page.locator('[data-test="roster-file"]').setInputFiles({
      name: '应报单位.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterWorkbook(),
    });
    // the samples' 新山, 草场, 丙谷 and 普威 are known units; 白马镇 is new (issue 29: said apart)
    await expect
      .poll(() => textOf(page, '[data-test="eval-message"]'))
      .toBe('加入名单 5 个单位：4 个与已有单位对应，1 个为新单位（白马镇；尚无报告，请核对名称是否写对）');
    const rows = page.locator('[data-test="roster"] .el-table__body tr');
    await expect.poll(() => rows.count()).toBe(5);
    const text = (await rows.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(text.find((s) => s.startsWith('白马镇'))).toContain('缺报');
    expect(text.find((s) => s.startsWith('新山傈僳族乡'))).toContain('已发布');
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-roster.png'), fullPage: true });
  });

  it('shows the score table ranked, with the evidence of a deduction', async () => {
    const page = await d.page();
    await login(page, d.base, 'viewer', PASSWORD);
    await page.goto(`${d.base}${URL('scores')}`);
    const rows = page.locator('[data-test="eval-scores"] .el-table__body tr.el-table__row');
    await expect.poll(() => rows.count()).toBe(5);
    const cells = async () =>
      (await rows.evaluateAll((trs) =>
        trs.map((tr) => {
          const td = [...tr.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim());
          return [td[1], td[2], td.at(-1)];
        }),
      )) as string[][];
    expect(await cells()).toEqual([
      ['1', '丙谷镇', '100'],
      ['1', '草场镇', '100'],
      ['1', '新山傈僳族乡', '100'],
      ['4', '白马镇', '0'],
      ['4', '普威镇', '0'],
    ]);
    expect(await textOf(page, '[data-test="eval-scope"]')).toContain('应报单位 5 家，已发布 3 家，缺报 2 家');
    // open 白马镇's evidence
    await rows.nth(3).locator('.el-table__expand-icon').click();
    await expect.poll(() => textOf(page, '[data-test="eval-evidence"]')).toContain('未收到 白马镇 的年度报告');
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-scores.png'), fullPage: true });
  });

  it('previews the 通报 with its chart and 附表, and downloads it as Word', async () => {
    const page = await d.page();
    await login(page, d.base, 'viewer', PASSWORD);
    await page.goto(`${d.base}${URL('bulletin')}`);
    await expect
      .poll(() => textOf(page, '[data-test="bulletin"]'))
      .toContain('关于米易县2024年度政府信息公开工作年度报告发布情况的通报');
    const preview = await textOf(page, '[data-test="bulletin"]');
    expect(preview).toContain('全县应报单位5家，按时发布年度报告3家；至今未发布2家');
    expect(preview).toContain('未发布年度报告（缺报）。白马镇、普威镇，共2家。');
    const chart = page.locator('[data-test="bulletin-chart"]');
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(400);
    const annex = await page.locator('[data-test="bulletin-table"] tbody tr').allInnerTexts();
    expect(annex.map((r) => r.split('\t').slice(0, 2).join(' '))).toEqual([
      '1 丙谷镇',
      '1 草场镇',
      '1 新山傈僳族乡',
      '4 白马镇',
      '4 普威镇',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-bulletin.png'), fullPage: true });

    await field(page, 'bulletin-number').fill('米政务公开〔2025〕3号');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="bulletin-docx"]')]);
    expect(download.suggestedFilename()).toBe('米易县2024年度政府信息公开工作年度报告通报.docx');
    const file = await download.path();
    const { value } = await mammoth.extractRawText({ buffer: readFileSync(file) });
    const text = value.replace(/\s+/g, '');
    expect(text).toContain('米政务公开〔2025〕3号');
    expect(text).toContain('全县应报单位5家，按时发布年度报告3家；至今未发布2家');
    expect(text.indexOf('白马镇', text.indexOf('附表'))).toBeGreaterThan(0);

    // the printable page: the tabs and buttons are not printed, the 通报 is
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.el-tabs__header').isVisible()).toBe(false);
    expect(await page.locator('[data-test="bulletin"]').isVisible()).toBe(true);
    await page.pdf({ path: join(ARTIFACTS, 'evaluation-bulletin.pdf') }).catch(() => undefined);
  });

  it('the 数据质量 grid counts 缺报 by the roster', async () => {
    const page = await d.page();
    await login(page, d.base, 'viewer', PASSWORD);
    await page.goto(`${d.base}/quality?county=${encodeURIComponent('米易县')}&year=2024`);
    await expect.poll(() => textOf(page, '[data-test="roster-note"]')).toContain('已设名单的年度：2024');
    const row = (name: string) => page.locator('[data-test="matrix"] tbody tr', { hasText: name }).innerText();
    // 白马镇 is on the 2024 roster and has no report; in 2023 no roster was set: not 缺报 (issue 29)
    await expect.poll(async () => (await row('白马镇')).replace(/\s+/g, ' ').trim()).toBe('白马镇 未设名单 缺报');
    expect((await row('普威镇')).replace(/\s+/g, ' ').trim()).toBe('普威镇 已报 缺报');
  });
});

describe('the rubric in the browser', () => {
  it('an admin changes a deduction’s points and adds an item counting a check; the scores follow', async () => {
    const page = await d.page(1366, 900);
    await login(page, d.base, 'admin', PASSWORD);
    await page.goto(`${d.base}${URL('rubric')}`);
    // 缺报 −100 → −40
    await field(page, 'rubric-points-missing').fill('40');
    await field(page, 'rubric-points-missing').blur();
    // a new item with no name is refused on the page
    await page.click('[data-test="rubric-add"]');
    await page.click('[data-test="rubric-save"]');
    await expect.poll(() => textOf(page, '[data-test="eval-error"]')).toBe('请填写每个扣分项目的名称');
    const last = page.locator('[data-test="rubric"] .el-table__body tr').last();
    await last.locator('input[placeholder="扣分项目名称"]').fill('落款未写发布日期');
    await last.locator('.el-select', { hasText: '选择计入的检查' }).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '落款未写发布日期' }).click();
    await page.keyboard.press('Escape');
    await page.click('[data-test="rubric-save"]');
    await expect.poll(() => textOf(page, '[data-test="eval-message"]')).toBe('考核细则已保存，得分已按新细则重算');
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-rubric.png'), fullPage: true });
    const rubric = await page.evaluate(async () => (await fetch('/api/evaluation/rubric?year=2024')).json());
    expect(rubric.rubric.items.find((i: { id: string }) => i.id === 'missing').points).toBe(40);
    expect(rubric.rubric.items.at(-1)).toMatchObject({
      label: '落款未写发布日期',
      rule: 'findings',
      codes: ['published.missing'],
      points: 1,
    });
    // 白马镇 (缺报) now scores 100 − 40 = 60
    const e = await page.evaluate(async () =>
      (await fetch(`/api/evaluation?county=${encodeURIComponent('米易县')}&year=2024`)).json(),
    );
    expect(e.rows.find((r: { organization: { name: string } }) => r.organization.name === '白马镇').score).toBe(60);
    // back to the default for the tests after this one
    const reset = await page.evaluate(async () => {
      const csrf = (await (await fetch('/api/me')).json()).csrfToken;
      const res = await fetch('/api/evaluation/rubric', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ year: 2024, rubric: null }),
      });
      return res.status;
    });
    expect(reset).toBe(200);
  });
});

describe('copied reports in the browser', () => {
  it('lists 普威镇 2024 (its 2023 prose re-dated) at 100% and sets the two side by side, the shared passages marked', async () => {
    const r = await importDocument(d.db, {
      bytes: Buffer.from(sampleText('puwei').replaceAll('2024', '2025').replaceAll('2023', '2024')),
      fileName: 'puwei-2024.txt',
      importedBy: 'test',
    });
    expect(r.status).toBe('imported');
    const page = await d.page();
    await login(page, d.base, 'viewer', PASSWORD);
    await page.goto(`${d.base}${URL('copies')}`);
    const rows = page.locator('[data-test="copies"] .el-table__body tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect((await rows.first().innerText()).replace(/\s+/g, ' ').trim()).toBe('普威镇 2024 普威镇 2023 100% 逐段对照');
    await rows.first().locator('a', { hasText: '逐段对照' }).click();
    await page.waitForURL(/\/evaluation\/compare\?/);
    const sides = page.locator('[data-test="compare"] section');
    await expect.poll(() => sides.count()).toBe(2);
    expect(await sides.nth(0).locator('h2').innerText()).toContain('普威镇 2024 年度');
    expect(await sides.nth(1).locator('h2').innerText()).toContain('普威镇 2023 年度');
    const marked = await sides.nth(0).locator('mark').allInnerTexts();
    expect(marked.join('')).toContain('政务网站管理人员流动频繁，信息更新时间不稳定');
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-compare.png'), fullPage: true });
  });
});
