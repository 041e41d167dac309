import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../server/ingest/import-report';
import { PASSWORD } from '../helpers/app';
import { servePortal } from '../helpers/real-portal';
import { ROOT } from '../helpers/samples';
import { ARTIFACTS, field, login, startDashboard, textOf } from './harness';

// A district's real 2024 report as published, a 5-page WPS PDF (test/fixtures/real-files), imported
// through the import page as the office would. By hand from the document: 主动发布各类政府信息 2428 条
// (not the 7 meetings), 表三 予以公开 50, 本机关不掌握 31, 总计 95; 表四 复议后起诉 2 0 1 0 3.

let d: Awaited<ReturnType<typeof startDashboard>>;
let portal: Awaited<ReturnType<typeof servePortal>>;
beforeAll(async () => {
  // the collector may visit the portal served on 127.0.0.1, quickly
  d = await startDashboard({ COLLECT_ALLOW_PRIVATE: 'true', COLLECT_INTERVAL_MS: '5' });
  portal = await servePortal();
});
afterAll(async () => {
  await portal.close();
  await d.close();
});

describe('a real WPS PDF through the import page', () => {
  it('is read in reading order: 2428, 表三 and 表四 as printed, no section missing', async () => {
    const page = await d.page(1366, 768);
    await login(page, d.base, 'editor', PASSWORD);
    await page.goto(`${d.base}/import`);
    await page.locator('[data-test="upload"] input[type=file]').setInputFiles({
      name: '洪泽区2024年政府信息公开工作年度报告.pdf',
      mimeType: 'application/pdf',
      buffer: readFileSync(join(ROOT, 'test', 'fixtures', 'real-files', 'hongze-2024.pdf')),
    });
    const results = page.locator('[data-test="results"]');
    await expect.poll(() => results.innerText(), { timeout: 60_000 }).toContain('完成');
    await page.screenshot({ path: join(ARTIFACTS, 'real-pdf-import.png'), fullPage: true });
    await results.getByRole('link', { name: /洪泽区 2024 年报告/ }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.locator('[data-test="proactive-total"]').waitFor();

    expect(await page.locator('[data-test="proactive-total"]').innerText()).toBe('2428');
    const row = async (label: string) =>
      (await page.locator('[data-test="applications"] tr', { hasText: label }).locator('button').allInnerTexts()).join(' ');
    expect(await row('予以公开')).toBe('50 0 0 0 0 0 50');
    expect(await row('本机关不掌握')).toBe('31 0 0 0 0 0 31');
    expect(await row('（七）总计')).toBe('95 0 0 0 0 0 95');
    const review = page.locator('table', { hasText: '复议后起诉' }).locator('tr', { hasText: '复议后起诉' }).locator('button');
    expect((await review.allInnerTexts()).join(' ')).toBe('2 0 1 0 3');
    const findings = await page
      .locator('.findings')
      .innerText()
      .catch(() => '');
    expect(findings).not.toMatch(/缺少第.部分/);

    // the original beside each figure (issue 28): 主动公开 2428 outlined on page 1, 表三's 一、本年新收
    // 总计 95 on page 3; the outline stands where the API places the figure's glyphs (test/server/api/original.test.ts)
    const outlined = async (path: string) => {
      await page.locator(`[data-path="${path}"]`).click();
      await page.locator('[data-test="correction-cancel"]').click();
      const id = Number(/\/reports\/(\d+)/.exec(page.url())?.[1]);
      const box = await (await fetch(`${d.base}/api/reports/${id}/original?field=${encodeURIComponent(path)}`)).json();
      await expect.poll(() => textOf(page, '[data-test="original-page"]')).toContain(`第 ${box.page + 1} 页 / 共 5 页`);
      await page.locator('[data-test="original"] img').evaluate((i: HTMLImageElement) => i.decode());
      const img = await page.locator('[data-test="original"] img').boundingBox();
      const outline = await page.locator('[data-test="original-box"]').boundingBox();
      if (!img || !outline) throw new Error('no page image or outline');
      // the outline's left edge and top, as shares of the page, against the box in PDF points (2 pt margin)
      expect(Math.abs((outline.x - img.x) / img.width - (box.box.x0 - 2) / box.pageWidth)).toBeLessThan(0.01);
      expect(Math.abs((outline.y - img.y) / img.height - (box.pageHeight - box.box.y1 - 2) / box.pageHeight)).toBeLessThan(0.01);
      return box.page;
    };
    expect(await outlined('proactive.total')).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'real-pdf-original-total.png'), fullPage: false });
    expect(await outlined('applications.newReceived[6]')).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'real-pdf-original-cell.png'), fullPage: false });

    // the text stays one click away: the page's lines in reading order, no page number among them
    await page.locator('[data-test="source-view"] label', { hasText: '文字' }).click();
    const source = await page.locator('[data-test="source"]').innerText();
    expect(source).toContain('本报告由淮安市洪泽区人民政府办公室根据《中华人民共和\n');
    expect(source).toContain('府网站平台主动发布各类政府信息2428条，公开政府常务会议7');
    expect(source).not.toMatch(/^\d+\s*-\s*\d\s*-$/m);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'real-pdf-report.png'), fullPage: true });
  }, 120_000);
});

describe('a real portal on the 采集 screen', () => {
  it('imports the report its list links, says why the rest failed, and that the list goes on by script', async () => {
    const column = `${portal.base}/zwgk/zfxxgk/zfxxgknb/`;
    const page = await d.page(1366, 768);
    await login(page, d.base, 'admin', PASSWORD);
    await page.goto(`${d.base}/collect`);
    await field(page, 'collect-url').fill(column);
    await page.locator('[data-test="collect-add"]').click();
    await page.locator('[data-test="collect-sources"] tbody tr').first().waitFor();
    await page.locator('[data-test^="collect-run-"]').first().click();
    await expect
      .poll(() => textOf(page, '[data-test="collect-last"]'), { timeout: 60_000 })
      .toBe('列表页 1，新发现 10，导入 1，未变化 0，有改动 0，失败 9');
    expect(await page.locator('[data-test="collect-note"]').innerText()).toBe(
      `${column}：只读取了第一页（栏目共 20 篇，这一页列出 10 篇）：后续列表由网页脚本生成，无法读取。其余年报请把文章网址或各年度栏目网址逐一添加为采集来源`,
    );
    await page.getByRole('button', { name: '失败原因' }).click();
    expect(await page.locator('[data-test="collect-failures"]').innerText()).toContain('网站返回 404');
    await page.screenshot({ path: join(ARTIFACTS, 'real-portal-collect.png'), fullPage: true });
    // the report it imported, with its page's date (the report is unsigned)
    const reports = (await (await fetch(`${d.base}/api/reports?year=2024`)).json()).reports as {
      organization: { name: string };
      proactiveTotal: number;
    }[];
    expect(reports.find((r) => r.organization.name === '平潭综合实验区')?.proactiveTotal).toBe(10407);
  }, 120_000);
});

describe('a real portal page: the figure’s cell in the page’s table (issue 28)', () => {
  it('clicking 表三 一、本年新收 总计 218 and 商业企业 1 marks that cell of the table read from the page', async () => {
    // 平潭 97791 as published: 表三 一、本年新收 自然人 217, 商业企业 1, 总计 218 (by hand from the page);
    // the collector above imported it already (the same bytes: its report is found, not imported twice)
    const html = readFileSync(join(ROOT, 'test', 'fixtures', 'real-files', 'pingtan', 'pages', '97791.html'));
    const r = await importDocument(d.db, { bytes: html, fileName: '97791.html', importedBy: 'editor' });
    const page = await d.page(1366, 768);
    await login(page, d.base, 'editor', PASSWORD);
    await page.goto(`${d.base}/reports/${r.reportId}`);
    const picked = async (path: string) => {
      await page.locator(`[data-path="${path}"]`).click();
      await page.locator('[data-test="correction-cancel"]').click();
      const cell = page.locator('[data-test="source-cell"]');
      await cell.waitFor();
      const row = await cell.locator('xpath=ancestor::tr').innerText();
      return [await cell.innerText(), row.split('\t')[0]?.trim()];
    };
    expect(await picked('applications.newReceived[6]')).toEqual(['218', '一、本年新收政府信息公开申请数量']);
    expect(await picked('applications.newReceived[1]')).toEqual(['1', '一、本年新收政府信息公开申请数量']);
    await page.screenshot({ path: join(ARTIFACTS, 'real-page-cell.png'), fullPage: false });
    await page.context().close();
  });
});
