import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../../server/collect/crawl';
import { CollectError, PoliteFetcher } from '../../../server/collect/fetcher';
import { matches, parseRobots } from '../../../server/collect/robots';
import { sqlAll, tempDatabase } from '../../helpers/db';

// Issue 32 items 7, 8 and 14: a hostile site against the collector, on 127.0.0.1.
let site: Server;
let other: Server;
let base: string;
let otherBase: string;
let robotsSent = 0;
const HOSTILE_ROBOTS_LINES = 200_000; // about 10.8 MB of wildcard rules

beforeAll(async () => {
  other = createServer((_req, res) => res.end('another site'));
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  site = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') {
      // a robots.txt of wildcard rules, written as fast as the socket takes it
      res.writeHead(200, { 'content-type': 'text/plain' });
      let i = 0;
      const write = () => {
        while (i < HOSTILE_ROBOTS_LINES) {
          const line = `Disallow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b${i}$\n`;
          i++;
          robotsSent += line.length;
          if (!res.write(line)) {
            res.once('drain', write);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        i = HOSTILE_ROBOTS_LINES;
      });
      write();
      return;
    }
    if (path === '/page') return res.end('<p>年报</p>');
    if (path === '/to-other-port') return res.writeHead(302, { location: `${otherBase}/x` }).end();
    if (path === '/trickle') {
      // one byte every 200 ms, 30 of them: six seconds for a tiny answer
      res.writeHead(200, { 'content-type': 'text/html' });
      let n = 0;
      const timer = setInterval(() => {
        if (n++ >= 30 || res.destroyed) {
          clearInterval(timer);
          res.end();
        } else res.write('x');
      }, 200);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => site.close(() => r()));
  await new Promise<void>((r) => other.close(() => r()));
});

const fetcher = (more: object = {}) =>
  new PoliteFetcher({
    allowedHosts: [new URL(base).host],
    allowPrivate: true,
    minIntervalMs: 5,
    timeoutMs: 1000,
    retries: 0,
    ...more,
  });
const refusal = async (p: Promise<unknown>): Promise<[string, string] | null> => {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof CollectError) return [e.code, e.zh];
    throw e;
  }
};

describe('7. a hostile robots.txt', () => {
  it('is read to its first 500 KiB only, and a page is still fetched', async () => {
    const t0 = performance.now();
    const page = await fetcher({ timeoutMs: 10_000 }).get(`${base}/page`);
    expect(page.bytes.toString()).toBe('<p>年报</p>');
    // the site sent on until the connection closed: far from its 10.8 MB
    expect(robotsSent).toBeLessThan(4 * 1024 * 1024);
    console.log(
      `hostile robots.txt: page fetched in ${(performance.now() - t0).toFixed(0)} ms; the site sent ${(robotsSent / 1024).toFixed(0)} KiB before the collector closed it`,
    );
  });

  it('is matched without regular expressions: a wildcard-heavy rule against a 2,000-character URL', () => {
    const rule = `/${'*a'.repeat(240)}*b$`; // 484 characters: within the 500 kept
    const robots = parseRobots(Buffer.from(`User-agent: *\n${`Disallow: ${rule}\n`.repeat(1000)}Disallow: /private/\n`), 'x');
    const t0 = performance.now();
    const long = new URL(`${base}/${'a'.repeat(1990)}`);
    expect(robots.isAllowed(long)).toBe(true);
    console.log(`1,000 wildcard rules against a 2,000-character path: ${(performance.now() - t0).toFixed(1)} ms`);
    // rules past the first 1,000 are not kept
    expect(robots.isAllowed(new URL(`${base}/private/x`))).toBe(true);
  });

  it('means what RFC 9309 says: the longest rule wins, Allow on a tie, * and $', () => {
    const robots = parseRobots(
      Buffer.from('User-agent: *\nDisallow: /zwgk/\nAllow: /zwgk/ndbg/\nDisallow: /*.pdf$\n\nUser-agent: other\nDisallow: /\n'),
      'DisclosureDashboard/1.0',
    );
    expect(
      ['/zwgk/x.htm', '/zwgk/ndbg/t1.htm', '/files/a.pdf', '/files/a.pdf?x=1', '/index.htm'].map((p) =>
        robots.isAllowed(new URL(`${base}${p}`)),
      ),
    ).toEqual([false, true, false, true, true]);
    expect([matches('/a*b$', '/axxb'), matches('/a*b$', '/axxbc'), matches('/a*$', '/abc'), matches('/a$', '/a')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('a URL longer than any page of a column is not fetched', async () => {
    expect((await refusal(fetcher().get(`${base}/${'x'.repeat(3000)}`)))?.[1]).toMatch(/^网址过长（3\d{3} 个字符），未访问/);
  });
});

describe('8. a site that answers a byte every few seconds', () => {
  it('is cut off when the whole answer takes longer than the timeout, not only silence', async () => {
    expect(await refusal(fetcher({ timeoutMs: 1000 }).get(`${base}/trickle`))).toEqual([
      'timeout',
      `网站在 1 秒内没有传完：${base}/trickle`,
    ]);
  });

  it('is stopped by 取消: the run ends, the page it was reading stays pending for the next run', async () => {
    const t = await tempDatabase();
    try {
      const abort = new AbortController();
      const f = fetcher({ timeoutMs: 30_000, signal: abort.signal });
      const run = crawl(t.db, f, `${base}/trickle`, { importedBy: 'collector' });
      setTimeout(() => abort.abort(), 300);
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      expect(await sqlAll(t.db, "select state from collect_pages where state <> 'pending'")).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('14. a redirect to another port of the same host', () => {
  it('is another site: not followed', async () => {
    expect(await refusal(fetcher().get(`${base}/to-other-port`))).toEqual([
      'redirect',
      `${base}/to-other-port 跳转到其他网站 ${new URL(otherBase).host}，未跟随`,
    ]);
  });
});
