import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/app';
import { ROOT } from '../helpers/samples';
import { ARTIFACTS, login, startDashboard } from './harness';

// A district's real 2024 report as published, a 5-page WPS PDF (test/fixtures/real-files), imported
// through the import page as the office would. By hand from the document: 主动发布各类政府信息 2428 条
// (not the 7 meetings), 表三 予以公开 50, 本机关不掌握 31, 总计 95; 表四 复议后起诉 2 0 1 0 3.

let d: Awaited<ReturnType<typeof startDashboard>>;
beforeAll(async () => {
  d = await startDashboard();
});
afterAll(() => d.close());

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

    // the 原文 pane: the page's lines in reading order, no page number among them
    const source = await page.locator('[data-test="source"]').innerText();
    expect(source).toContain('本报告由淮安市洪泽区人民政府办公室根据《中华人民共和\n');
    expect(source).toContain('府网站平台主动发布各类政府信息2428条，公开政府常务会议7');
    expect(source).not.toMatch(/^\d+\s*-\s*\d\s*-$/m);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'real-pdf-report.png'), fullPage: true });
  }, 120_000);
});
