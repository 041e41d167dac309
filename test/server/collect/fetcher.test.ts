import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError, isPrivateAddress, PoliteFetcher, USER_AGENT } from '../../../server/collect/fetcher';

// A county portal on 127.0.0.1: what each path answers is written here, and the tests expect it.
let server: Server;
let base: string;
const arrivals: { path: string; at: number; ua: string | undefined }[] = [];
let flaky = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    arrivals.push({ path, at: performance.now(), ua: req.headers['user-agent'] });
    if (path === '/robots.txt') return res.end('User-agent: *\nDisallow: /secret/\n');
    if (path === '/page') return res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end('<p>年报</p>');
    if (path === '/same') return res.writeHead(req.headers['if-none-match'] === '"v1"' ? 304 : 200, { etag: '"v1"' }).end();
    if (path === '/to-page') return res.writeHead(302, { location: '/page' }).end();
    if (path === '/to-foreign') return res.writeHead(302, { location: 'http://example.com/report.pdf' }).end();
    if (path === '/big') return res.writeHead(200).end(Buffer.alloc(3000, 0x41));
    if (path === '/flaky') return flaky++ === 0 ? res.writeHead(503).end() : res.end('ok');
    if (path === '/never') return; // never answers
    if (path === '/secret/x') return res.end('hidden');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const fetcher = (more: object = {}) =>
  new PoliteFetcher({
    allowedHosts: [new URL(base).host],
    allowPrivate: true,
    minIntervalMs: 50,
    timeoutMs: 1000,
    maxBytes: 2000,
    retries: 1,
    ...more,
  });
/** What a refused fetch says: its code and its Chinese reason; null when it was not refused. */
const refusal = async (p: Promise<unknown>): Promise<[string, string] | null> => {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof CollectError) return [e.code, e.zh];
    throw e;
  }
};

describe('the collector fetches politely and safely', () => {
  it('says who it is, follows a redirect on the same site, and asks again only for what changed', async () => {
    const f = fetcher();
    const page = await f.get(`${base}/to-page`);
    expect([page.status, page.finalUrl, page.bytes.toString()]).toEqual([200, `${base}/page`, '<p>年报</p>']);
    expect(arrivals.at(-1)?.ua).toBe(USER_AGENT);
    expect((await f.get(`${base}/same`, { etag: '"v1"' })).status).toBe(304);
  });

  it('refuses a redirect to another site, a host not configured, and pages robots.txt disallows', async () => {
    const f = fetcher();
    expect(await refusal(f.get(`${base}/to-foreign`))).toEqual([
      'redirect',
      `${base}/to-foreign 跳转到其他网站 example.com，未跟随`,
    ]);
    expect(await refusal(f.get('http://example.com/'))).toEqual(['host', '网站 example.com 不在采集来源中，未访问']);
    expect(await refusal(f.get(`${base}/secret/x`))).toEqual(['robots', `网站的 robots.txt 不允许采集此页：${base}/secret/x`]);
    expect(arrivals.some((a) => a.path === '/secret/x')).toBe(false);
  });

  it('refuses loopback and private addresses unless configured', async () => {
    const f = fetcher({ allowPrivate: false });
    expect(await refusal(f.get(`${base}/page`))).toEqual([
      'private',
      '127.0.0.1 是内网或本机地址，未访问（本系统默认不访问内网地址；如县政府网站确在内网，请服务器管理员设置 COLLECT_ALLOW_PRIVATE=true 并重启服务）',
    ]);
    const port = new URL(base).port;
    const byName = new PoliteFetcher({ allowedHosts: [`localhost:${port}`], minIntervalMs: 0 });
    expect((await refusal(byName.get(`http://localhost:${port}/page`)))?.[0]).toBe('private');
    expect([
      isPrivateAddress('10.1.2.3'),
      isPrivateAddress('192.168.0.9'),
      isPrivateAddress('::1'),
      isPrivateAddress('::ffff:10.0.0.1'),
      isPrivateAddress('59.175.1.1'),
    ]).toEqual([true, true, true, true, false]);
  });

  it('refuses an answer over the size limit, and gives up on a page that never answers', async () => {
    const f = fetcher();
    expect(await refusal(f.get(`${base}/big`))).toEqual(['size', `文件超过 ${2000 / 1024 / 1024} MB 上限：${base}/big`]);
    expect((await refusal(f.get(`${base}/never`)))?.[0]).toBe('timeout');
    // one try and one retry
    expect(arrivals.filter((a) => a.path === '/never')).toHaveLength(2);
  });

  it('retries what may pass (a 503), and never asks one host more often than its interval', async () => {
    const f = fetcher({ minIntervalMs: 120 });
    const from = arrivals.length;
    expect((await f.get(`${base}/flaky`)).bytes.toString()).toBe('ok');
    await Promise.all([f.get(`${base}/page`), f.get(`${base}/page`), f.get(`${base}/page`)]);
    const times = arrivals.slice(from).map((a) => a.at);
    // the interval counts from the end of the previous request, so arrivals are at least that far apart
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(115);
  });
});
