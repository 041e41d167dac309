/**
 * Fetching pages and attachments from the county portal politely and safely (issue 17's collector
 * builds on this): only the hosts the office configured, never a private or loopback address unless
 * configured (checked on the address actually connected to, so a DNS answer cannot swap it), no
 * redirect to another host, robots.txt obeyed, at most one request per `minIntervalMs` per host,
 * a timeout and a size limit on every answer, retries with backoff for what may pass (a timeout,
 * 429, 5xx), and a User-Agent that says who is asking.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { MAX_ROBOTS_BYTES, parseRobots, type Robots } from './robots';

/** Who is asking, in ASCII as HTTP headers must be; the office can add its contact (userAgent). */
export const USER_AGENT =
  'DisclosureDashboard/1.0 (a county office collecting annual government-information-disclosure reports; polite: 1 request/s per host)';

export interface FetchPolicy {
  /**
   * The hosts the office configured, as URLs write them (`www.example.gov.cn`, or with a port that
   * is not the scheme's default, `192.168.1.5:8080`): a redirect or a link to another port is
   * another site.
   */
  allowedHosts: readonly string[];
  /** Loopback and private addresses (an intranet portal; the tests' own site). */
  allowPrivate?: boolean;
  /** Per host: at most one request this often (default 1,000 ms). */
  minIntervalMs?: number;
  /** One request must answer within this (default 20 s). */
  timeoutMs?: number;
  /** An answer larger than this is refused (default 50 MB, the upload limit). */
  maxBytes?: number;
  /** Tries after the first for what may pass (default 2). */
  retries?: number;
  userAgent?: string;
  /** Stops every request at once (the 采集 screen's 取消). */
  signal?: AbortSignal;
}

/** A URL this long is no page of a portal's column: not fetched (nor matched against robots.txt). */
export const MAX_URL_LENGTH = 2048;

export type CollectErrorCode = 'host' | 'private' | 'redirect' | 'robots' | 'size' | 'timeout' | 'http' | 'network' | 'cancelled';

/** Why a URL was not fetched: Chinese for the 采集 screen, English for the log. */
/** What the office does about an intranet portal: the setting to change (the 采集 page and 帮助 say it too). */
export const PRIVATE_HINT =
  '（本系统默认不访问内网地址；如县政府网站确在内网，请服务器管理员设置 COLLECT_ALLOW_PRIVATE=true 并重启服务）';

export class CollectError extends Error {
  constructor(
    readonly code: CollectErrorCode,
    readonly zh: string,
    en: string,
    readonly status?: number,
  ) {
    super(en);
    this.name = 'CollectError';
  }
}

export interface Fetched {
  url: string;
  /** After redirects within the allowed hosts. */
  finalUrl: string;
  status: number;
  contentType: string | null;
  bytes: Buffer;
  etag: string | null;
  lastModified: string | null;
}

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** Whether an address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  // an IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1] as string);
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PoliteFetcher {
  private readonly next = new Map<string, Promise<void>>();
  private readonly robots = new Map<string, Promise<Robots | null>>();
  private readonly p: Required<Omit<FetchPolicy, 'signal'>> & { signal: AbortSignal | null };

  constructor(policy: FetchPolicy) {
    this.p = {
      allowPrivate: false,
      minIntervalMs: 1000,
      timeoutMs: 20_000,
      maxBytes: 50 * 1024 * 1024,
      retries: 2,
      userAgent: USER_AGENT,
      ...policy,
      signal: policy.signal ?? null,
      allowedHosts: policy.allowedHosts.map((h) => h.toLowerCase()),
    };
  }

  /** GETs `url` (following redirects within the allowed hosts), obeying robots.txt. */
  async get(url: string, conditional: { etag?: string | null; lastModified?: string | null } = {}): Promise<Fetched> {
    const u = this.checkedUrl(url);
    const rules = await this.robotsOf(u);
    if (rules && !rules.isAllowed(u)) {
      throw new CollectError('robots', `网站的 robots.txt 不允许采集此页：${u.href}`, `disallowed by robots.txt: ${u.href}`);
    }
    return this.withRetries(u, conditional);
  }

  private checkedUrl(url: string): URL {
    this.checkCancelled();
    if (url.length > MAX_URL_LENGTH) {
      throw new CollectError(
        'http',
        `网址过长（${url.length} 个字符），未访问：${url.slice(0, 120)}…`,
        `URL of ${url.length} characters`,
      );
    }
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new CollectError('http', `网址无效：${url}`, `invalid URL: ${url}`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new CollectError('http', `只采集 http 和 https 网址：${url}`, `unsupported protocol: ${url}`);
    }
    if (!this.allowed(u)) {
      throw new CollectError('host', `网站 ${u.host} 不在采集来源中，未访问`, `host not configured: ${u.host}`);
    }
    return u;
  }

  /** The same site as a configured one: host and port (a port other than the scheme's own is another site). */
  private allowed(u: URL): boolean {
    return this.p.allowedHosts.includes(u.host.toLowerCase());
  }

  private checkCancelled(): void {
    if (this.p.signal?.aborted) throw new CollectError('cancelled', '采集已取消', 'collection cancelled');
  }

  private robotsOf(u: URL): Promise<Robots | null> {
    let r = this.robots.get(u.origin);
    if (!r) {
      const robotsUrl = `${u.origin}/robots.txt`;
      // the first 500 KiB of it, however large the site makes it
      r = this.withRetries(new URL(robotsUrl), {}, MAX_ROBOTS_BYTES)
        .then((f) => (f.status === 200 ? parseRobots(f.bytes, this.p.userAgent) : null))
        .catch((e: unknown) => {
          // no robots.txt (404 and the like) allows everything; a site that cannot be reached fails the page itself
          if (e instanceof CollectError && e.code === 'http' && (e.status ?? 500) < 500) return null;
          throw e;
        });
      this.robots.set(u.origin, r);
    }
    return r;
  }

  /**
   * Waits for the host's turn. The interval is counted from the end of the previous request to
   * the host (its answer read or its failure), so two requests reach a site at least minIntervalMs
   * apart however long the network takes: the caller calls the returned function when done.
   */
  private async turn(host: string): Promise<() => void> {
    const previous = this.next.get(host) ?? Promise.resolve();
    let release: () => void = () => {};
    const mine = new Promise<void>((r) => {
      release = r;
    });
    this.next.set(
      host,
      previous.then(() => mine),
    );
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      setTimeout(release, this.p.minIntervalMs);
    };
  }

  private async withRetries(
    u: URL,
    conditional: { etag?: string | null; lastModified?: string | null },
    truncateAt?: number,
  ): Promise<Fetched> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.follow(u, conditional, truncateAt);
      } catch (e) {
        const passing =
          e instanceof CollectError &&
          (e.code === 'timeout' || e.code === 'network' || (e.code === 'http' && (e.status === 429 || (e.status ?? 0) >= 500)));
        if (!passing || attempt >= this.p.retries) throw e;
        await sleep(this.p.minIntervalMs * 2 ** attempt);
      }
    }
  }

  private async follow(
    start: URL,
    conditional: { etag?: string | null; lastModified?: string | null },
    truncateAt?: number,
  ): Promise<Fetched> {
    let u = start;
    for (let hop = 0; hop <= 5; hop++) {
      const r = await this.once(u, conditional, truncateAt);
      if (r.status >= 300 && r.status < 400 && r.status !== 304) {
        const location = r.location;
        if (!location)
          throw new CollectError('http', `网站返回了没有目标的跳转：${u.href}`, `redirect without Location: ${u.href}`, r.status);
        const target = new URL(location, u);
        // another host, or another port of this one, is another site
        if (!this.allowed(target)) {
          throw new CollectError(
            'redirect',
            `${u.href} 跳转到其他网站 ${target.host}，未跟随`,
            `redirect to a host not configured: ${u.href} -> ${target.href}`,
          );
        }
        u = target;
        continue;
      }
      if (r.status !== 200 && r.status !== 304) {
        throw new CollectError('http', `网站返回 ${r.status}：${u.href}`, `HTTP ${r.status}: ${u.href}`, r.status);
      }
      return {
        url: start.href,
        finalUrl: u.href,
        status: r.status,
        contentType: r.contentType,
        bytes: r.bytes,
        etag: r.etag,
        lastModified: r.lastModified,
      };
    }
    throw new CollectError('redirect', `跳转次数过多：${start.href}`, `too many redirects: ${start.href}`);
  }

  /** One request, connected only to an address the policy allows. */
  private async once(
    u: URL,
    conditional: { etag?: string | null; lastModified?: string | null },
    truncateAt?: number,
  ): Promise<{
    status: number;
    location: string | null;
    contentType: string | null;
    bytes: Buffer;
    etag: string | null;
    lastModified: string | null;
  }> {
    const allowPrivate = this.p.allowPrivate;
    // an address written in the URL is not looked up: checked here
    const literal = u.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0 && isPrivateAddress(literal) && !allowPrivate) {
      throw new CollectError('private', `${u.hostname} 是内网或本机地址，未访问${PRIVATE_HINT}`, `private address: ${u.href}`);
    }
    const ended = await this.turn(u.host);
    try {
      this.checkCancelled();
    } catch (e) {
      ended();
      throw e;
    }
    const lookup = (
      hostname: string,
      options: object,
      callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, []);
        const list = addresses as LookupAddress[];
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad && !allowPrivate) {
          const e = Object.assign(new Error(`private address ${bad.address}`), { code: 'EPRIVATE' });
          return callback(e, []);
        }
        const all = (options as { all?: boolean }).all;
        if (all) return callback(null, list);
        const first = list[0] as LookupAddress;
        callback(null, first.address, first.family);
      });
    };
    const headers: Record<string, string> = { 'user-agent': this.p.userAgent, accept: '*/*' };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    const client = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        ended();
        clearTimeout(deadline);
        this.p.signal?.removeEventListener('abort', cancel);
        f();
      };
      const done = (v: Parameters<typeof resolve>[0]) => finish(() => resolve(v));
      const fail = (e: CollectError) => finish(() => reject(e));
      const cancel = () => {
        req.destroy();
        fail(new CollectError('cancelled', '采集已取消', `cancelled: ${u.href}`));
      };
      const req = client.get(u, { headers, lookup, timeout: this.p.timeoutMs }, (res) => {
        answered = true;
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > this.p.maxBytes && truncateAt === undefined) {
          res.destroy();
          fail(
            new CollectError(
              'size',
              `文件超过 ${this.p.maxBytes / 1024 / 1024} MB 上限：${u.href}`,
              `too large (${declared} bytes): ${u.href}`,
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const answer = () => ({
          status: res.statusCode ?? 0,
          location: res.headers.location ?? null,
          contentType: res.headers['content-type'] ?? null,
          bytes: Buffer.concat(chunks),
          etag: (res.headers.etag as string | undefined) ?? null,
          lastModified: (res.headers['last-modified'] as string | undefined) ?? null,
        });
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (truncateAt !== undefined && size >= truncateAt) {
            // what is wanted of it has come (robots.txt): the rest is not read
            chunks.push(c.subarray(0, c.length - (size - truncateAt)));
            res.destroy();
            done(answer());
            return;
          }
          if (size > this.p.maxBytes) {
            res.destroy();
            fail(
              new CollectError(
                'size',
                `文件超过 ${this.p.maxBytes / 1024 / 1024} MB 上限：${u.href}`,
                `too large (over ${size} bytes): ${u.href}`,
              ),
            );
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => done(answer()));
        res.on('error', (e) => fail(new CollectError('network', `连接中断：${u.href}`, `${e.message}: ${u.href}`)));
      });
      // silence for timeoutMs, or the whole answer taking longer (a byte every few seconds)
      req.on('timeout', () => {
        req.destroy();
        fail(new CollectError('timeout', `网站在 ${this.p.timeoutMs / 1000} 秒内没有响应：${u.href}`, `timed out: ${u.href}`));
      });
      let answered = false;
      const deadline = setTimeout(() => {
        req.destroy();
        const [zh, en] = answered ? ['没有传完', 'not complete in time'] : ['没有响应', 'timed out'];
        fail(new CollectError('timeout', `网站在 ${this.p.timeoutMs / 1000} 秒内${zh}：${u.href}`, `${en}: ${u.href}`));
      }, this.p.timeoutMs);
      this.p.signal?.addEventListener('abort', cancel, { once: true });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPRIVATE') {
          fail(new CollectError('private', `${u.hostname} 指向内网或本机地址，未访问${PRIVATE_HINT}`, `${e.message}: ${u.href}`));
        } else {
          fail(new CollectError('network', `无法连接网站：${u.href}`, `${e.code ?? e.message}: ${u.href}`));
        }
      });
    });
  }
}
