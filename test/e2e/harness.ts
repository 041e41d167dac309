import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { WEB_ROOT } from '../../server/app';
import { testApp } from '../helpers/app';
import { ROOT } from '../helpers/samples';

export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

/** The built dashboard served by the real app over a fresh database with the samples and three users. */
export async function startDashboard(env: Record<string, string> = {}) {
  if (!existsSync(join(WEB_ROOT, 'index.html')))
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  mkdirSync(ARTIFACTS, { recursive: true });
  const t = await testApp(env);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    base,
    db: t.db,
    browser,
    async page(width = 1366, height = 768): Promise<Page> {
      const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN' });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export async function login(page: Page, base: string, name: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', password);
  await page.click('[data-test="login"]');
  await page.waitForURL(`${base}/`);
}

/** The text of an element, or '' while it is not on the page (for expect.poll). */
export const textOf = (page: Page, selector: string): Promise<string> =>
  page
    .locator(selector)
    .innerText()
    .catch(() => '');

/** The input of an Element Plus field marked data-test=`name` (the mark lands on the input or its wrapper). */
export const field = (page: Page, name: string) => page.locator(`input[data-test="${name}"], [data-test="${name}"] input`);
