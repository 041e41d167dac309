import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './samples';

/**
 * A real county-level portal (a TRS CMS), its pages as served (test/fixtures/real-files/pingtan),
 * on 127.0.0.1 at their original paths: each article page at its Url meta tag's path, each list
 * page at the path its file name spells (`zwgk_zfxxgk_zfxxgknb.html` → `/zwgk/zfxxgk/zfxxgknb/`).
 * What is not saved there answers 404, as a page that is gone would.
 */
export async function servePortal(): Promise<{ base: string; close: () => Promise<void> }> {
  const dir = join(ROOT, 'test', 'fixtures', 'real-files', 'pingtan');
  const routes = new Map<string, Buffer>();
  for (const f of readdirSync(join(dir, 'pages'))) {
    const html = readFileSync(join(dir, 'pages', f));
    const url = /<meta name="Url" content="https?:\/\/[^/]+([^"]+)"/.exec(html.toString('utf8'))?.[1];
    if (url) routes.set(url, html);
  }
  for (const f of readdirSync(join(dir, 'lists'))) {
    routes.set(`/${f.replace(/\.html$/, '').replace(/_/g, '/')}/`, readFileSync(join(dir, 'lists', f)));
  }
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    const body = routes.get(path);
    if (!body) return res.writeHead(404).end('not found');
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
