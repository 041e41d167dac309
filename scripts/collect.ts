/**
 * `npm run collect -- URL… [--county 县名] [--allow-private]`: collects the reports of the county
 * portal's 政府信息公开年报 column(s) at URL into the database (DATABASE_URL): walks the list pages,
 * opens each new article, imports the report in the page or its attachments, and prints what it
 * found. Only the URLs' own hosts are visited, at most one request a second each; robots.txt is
 * obeyed. Run it again at any time: it goes on where it stopped and opens only what is new.
 */
import { parseArgs } from 'node:util';
import { crawl } from '../server/collect/crawl';
import { PoliteFetcher } from '../server/collect/fetcher';
import { loadEnv } from '../server/config/env';
import { closeDatabase, openDatabase } from '../server/db/client';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { county: { type: 'string' }, 'allow-private': { type: 'boolean', default: false } },
});
const urls = positionals.filter((p) => p !== '--');
if (urls.length === 0) {
  console.error(
    '用法：npm run collect -- 栏目网址… [--county 县名]\nusage: npm run collect -- COLUMN_URL… [--county NAME] [--allow-private]',
  );
  process.exit(2);
}
let hosts: string[];
try {
  hosts = [...new Set(urls.map((u) => new URL(u).host.toLowerCase()))];
} catch {
  console.error(`网址无效：${urls.join(' ')}\ninvalid URL`);
  process.exit(2);
}
const env = loadEnv();
const db = await openDatabase(env.DATABASE_URL);
const fetcher = new PoliteFetcher({
  allowedHosts: hosts,
  allowPrivate: values['allow-private'] || env.COLLECT_ALLOW_PRIVATE,
  minIntervalMs: env.COLLECT_INTERVAL_MS,
});
let failed = 0;
for (const url of urls) {
  console.log(`采集 ${url} …`);
  const s = await crawl(db, fetcher, url, {
    importedBy: 'collector',
    county: values.county ?? null,
    onProgress: (p) =>
      process.stdout.write(
        `\r  列表页 ${p.listPages}，新发现 ${p.found}，导入 ${p.imported}，未变化 ${p.unchanged}，有改动 ${p.changed}，失败 ${p.failed.length}  `,
      ),
  });
  process.stdout.write('\n');
  for (const f of s.failed) console.log(`  失败：${f.url}\n        ${f.reason}`);
  console.log(
    `  完成：列表页 ${s.listPages}，新发现 ${s.found}，导入 ${s.imported}，未变化 ${s.unchanged}，有改动 ${s.changed}，失败 ${s.failed.length}`,
  );
  failed += s.failed.length;
}
await closeDatabase(db);
process.exitCode = failed > 0 ? 1 : 0;
