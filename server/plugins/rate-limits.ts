/**
 * Limits on what one client may ask of the expensive routes (search, 数据质量, the unit list,
 * originals and exports), per signed-in user or, anonymous, per address: a flood from one client
 * is refused (429 in Chinese, counted in request_counts) before it takes the server from everyone
 * else. Counted in this process (@fastify/rate-limit's memory store): with several server
 * processes each holds its own count.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { countRequest } from '../auth/request-counts';
import type { Db } from '../db/client';
import { HttpError } from './errors';

/** The limits in force (RATE_LIMIT_READS, RATE_LIMIT_DOWNLOADS; set when the app is built). */
const limits = { reads: 30, downloads: 20 };

/** Reads that cost a query of a county's reports: RATE_LIMIT_READS (30) per 20 s a client (1.5 a second, in bursts). */
export const EXPENSIVE = { max: async () => limits.reads, timeWindow: 20_000 };
/** Originals and exports (a file each): RATE_LIMIT_DOWNLOADS (20) a minute a client. */
export const DOWNLOADS = { max: async () => limits.downloads, timeWindow: 60_000 };

const keyOf = (req: FastifyRequest) => (req.user ? `user:${req.user.name}` : `ip:${req.ip}`);

/** Clients counted at most (the oldest window forgotten first): a spray of addresses cannot fill memory. */
const MAX_KEYS = 10_000;

type Done = (err: Error | null, res: { current: number; ttl: number }) => void;

/**
 * A fixed window per client that answers each request with its own count, taken when it arrived.
 * (The package's memory store answers with an object later requests go on changing, so requests
 * arriving together all saw the last one's count and were all refused.)
 */
class WindowStore {
  private readonly windows = new Map<string, { count: number; start: number }>();

  incr(key: string, done: Done, timeWindow: number): void {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.start + timeWindow <= now) {
      this.windows.delete(key);
      w = { count: 0, start: now };
      if (this.windows.size >= MAX_KEYS) this.windows.delete(this.windows.keys().next().value as string);
    }
    w.count++;
    this.windows.set(key, w);
    done(null, { current: w.count, ttl: w.start + timeWindow - now });
  }

  read(key: string, done: Done, timeWindow: number): void {
    const now = Date.now();
    const w = this.windows.get(key);
    done(
      null,
      !w || w.start + timeWindow <= now ? { current: 0, ttl: 0 } : { current: w.count, ttl: w.start + timeWindow - now },
    );
  }

  /** Each route its own counts. */
  child(): WindowStore {
    return new WindowStore();
  }
}

export default fp(async (app: FastifyInstance, opts: { db: Db; reads: number; downloads: number }) => {
  limits.reads = opts.reads;
  limits.downloads = opts.downloads;
  await app.register(rateLimit, {
    global: false,
    store: WindowStore as never,
    // after the session is read, so a signed-in user is counted as the user, not the office's address
    hook: 'preHandler',
    keyGenerator: keyOf,
    onExceeded: (req) => countRequest(opts.db, req.ip, 'rate.limited'),
    errorResponseBuilder: (_req, context) =>
      new HttpError(429, 'too_many_requests', `请求过于频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试`),
  });
});
