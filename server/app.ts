import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { flushRequestCounts } from './auth/request-counts';
import { Collector } from './collect/service';
import type { Env } from './config/env';
import { type Db, PROJECT_ROOT } from './db/client';
import { setOcrMaxPages } from './ingest/formats/engine';
import { ImportQueue } from './ingest/import-queue';
import auth from './plugins/auth';
import errors from './plugins/errors';
import rateLimits from './plugins/rate-limits';
import admin from './routes/api/admin';
import collect from './routes/api/collect';
import evaluation from './routes/api/evaluation';
import exportRoutes from './routes/api/export';
import imports from './routes/api/imports';
import meta from './routes/api/meta';
import organizations from './routes/api/organizations';
import original from './routes/api/original';
import quality from './routes/api/quality';
import rankings from './routes/api/rankings';
import reports from './routes/api/reports';
import reread from './routes/api/reread';
import review from './routes/api/review';
import search from './routes/api/search';
import session from './routes/api/session';

export interface AppOptions {
  db: Db;
  env: Env;
  logger?: FastifyServerOptions['logger'];
  /** The built dashboard (vite build); served when it exists. */
  webRoot?: string;
}

export const WEB_ROOT = join(PROJECT_ROOT, 'dist', 'web');

/** The whole HTTP application as a Fastify instance; `server.ts` only makes it listen. */
export async function buildApp({ db, env, logger = false, webRoot = WEB_ROOT }: AppOptions) {
  const requestTimeout = env.REQUEST_TIMEOUT_S * 1000;
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    // a request (an upload included) must arrive whole in REQUEST_TIMEOUT_S, its headers in 60 s at
    // most: a client sending a byte every few seconds is cut off (408), checked every second
    requestTimeout,
    http: { headersTimeout: Math.min(60_000, requestTimeout), connectionsCheckingInterval: 1000 },
    routerOptions: { maxParamLength: 200 },
    trustProxy: false,
    // the router's own refusals (a malformed URL, a path segment over the length limit) in the API's shape
    frameworkErrors: (err, _req, res) => {
      const tooLong = /too long/i.test(err.message);
      const reply = res as unknown as FastifyReply;
      return reply.status(tooLong ? 414 : 400).send({
        error: tooLong ? 'uri_too_long' : 'bad_request',
        message: tooLong ? '网址过长' : '网址格式不正确',
      });
    },
    // a request the HTTP parser rejects (raw non-ASCII in the URL, broken headers) still gets a clear answer
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return;
      const code = (err as { code?: string }).code;
      const [status, reason, error, message] =
        code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', 'headers_too_large', '请求头过大']
          : code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout', 'timeout', '请求超时：文件上传过慢，已中断，请在网络较好时重新上传']
            : [400, 'Bad Request', 'bad_request', '请求格式不正确（网址中的中文等字符须经过编码）'];
      const body = JSON.stringify({ error, message });
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errors, { maxUploadMb: env.MAX_UPLOAD_MB });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // offices serve it over plain HTTP on their network: do not force https for sub-resources
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: {
      fileSize: env.MAX_UPLOAD_MB * 1024 * 1024,
      files: env.MAX_UPLOAD_FILES,
      fields: 10,
      fieldSize: 1000,
      parts: env.MAX_UPLOAD_FILES + 10,
    },
  });
  await app.register(auth, { db, readRequiresLogin: env.READ_REQUIRES_LOGIN, idleMinutes: env.SESSION_IDLE_MINUTES });
  await app.register(rateLimits, { db, reads: env.RATE_LIMIT_READS, downloads: env.RATE_LIMIT_DOWNLOADS });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '县域政务公开年报看板 API',
        version: '1.0.0',
        description: '政府信息公开工作年度报告的排名、趋势、分类、明细、数据质量、上传与更正。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  setOcrMaxPages(env.OCR_MAX_PAGES);
  // uploads from the import page: stored, then read in turn (a file left waiting at a stop is read at the next start)
  const queue = new ImportQueue(db, app.log);
  app.decorate('imports', queue);
  app.addHook('onClose', async () => queue.stop());
  app.addHook('onClose', async () => flushRequestCounts(db));
  const collector = new Collector(db, app.log, {
    allowPrivate: env.COLLECT_ALLOW_PRIVATE,
    minIntervalMs: env.COLLECT_INTERVAL_MS,
  });
  app.decorate('collector', collector);
  await app.register(
    async (api) => {
      await api.register(meta, { db });
      await api.register(organizations, { db });
      await api.register(search, { db });
      await api.register(rankings, { db });
      const uploads = {
        maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
        maxUploadFiles: env.MAX_UPLOAD_FILES,
        maxUploadsPerUser: env.MAX_UPLOADS_PER_USER,
        maxRequestBytes: env.MAX_REQUEST_MB * 1024 * 1024,
      };
      await api.register(reports, { db, ...uploads });
      await api.register(imports, { db, queue, ...uploads });
      await api.register(admin, { db });
      await api.register(reread, { db });
      await api.register(original, { db });
      await api.register(review, { db });
      await api.register(collect, { collector });
      await api.register(quality, { db });
      await api.register(exportRoutes, { db });
      await api.register(evaluation, { db });
      await api.register(session, {
        db,
        secureCookie: env.COOKIE_SECURE,
        sessionHours: env.SESSION_HOURS,
        maxSessionsPerUser: env.MAX_SESSIONS_PER_USER,
      });
    },
    { prefix: '/api' },
  );

  // the dashboard: its files, and index.html for every other page so a deep link or a reload works
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      maxAge: '1h',
      // the page itself is asked for anew each time (it names the built assets, which may change)
      setHeaders: (reply, path) => {
        if (path.endsWith('.html')) reply.header('cache-control', 'no-cache');
      },
    });
  }
  // API answers are the office's data, some of them private (/api/me carries the CSRF token): no cache keeps them
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ error: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
