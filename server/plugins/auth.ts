import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Role, roleAllows } from '../auth/passwords';
import { findSession, type SessionUser } from '../auth/sessions';
import type { Db } from '../db/client';
import { HttpError } from './errors';

export const SESSION_COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    /** Who made the request, for the audit log: the signed-in user's name, null for a visitor. */
    readonly actor: string | null;
    /**
     * Who and from where, on a route behind requireRole (a user is signed in there): the name and
     * address every audited write records. Asked for without a signed-in user it answers 401.
     */
    readonly by: { actor: string; ip: string };
  }
  interface FastifyInstance {
    /** preHandler: signed in with at least `role`; for writes also the session's CSRF token. */
    requireRole: (role: Role) => (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes anyone may call when reading requires a login: health, signing in, who am I, the API docs. */
const OPEN_ROUTES = /^\/api\/(?:health$|session$|me$|docs(?:\/|$))/;

/** Whether a matched route serves data (any /api route but the open ones); unmatched URLs serve none. */
function needsLogin(route: string | undefined): boolean {
  if (!route?.startsWith('/api/')) return false;
  return !OPEN_ROUTES.test(route);
}

export default fp(
  async (app: FastifyInstance, opts: { db: Db; readRequiresLogin: boolean; idleMinutes: number }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('actor', {
      getter(this: FastifyRequest) {
        return this.user?.name ?? null;
      },
    });
    app.decorateRequest('by', {
      getter(this: FastifyRequest) {
        if (!this.user) throw new HttpError(401, 'unauthenticated', '请先登录');
        return { actor: this.user.name, ip: this.ip };
      },
    });
    app.addHook('onRequest', async (req) => {
      req.user = await findSession(opts.db, req.cookies[SESSION_COOKIE], opts.idleMinutes);
      // decided on the route the router matched, never on the raw URL: `/%61pi/…` and an
      // absolute-form request line (`GET http://host/api/…`) reach the same routes as `/api/…`
      if (opts.readRequiresLogin && !req.user && needsLogin(req.routeOptions.url)) {
        throw new HttpError(401, 'unauthenticated', '请先登录');
      }
    });
    app.decorate('requireRole', (role: Role) => async (req: FastifyRequest) => {
      if (!req.user) throw new HttpError(401, 'unauthenticated', '请先登录');
      if (WRITE.has(req.method) && req.headers['x-csrf-token'] !== req.user.csrfToken) {
        throw new HttpError(403, 'csrf', '页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试');
      }
      if (!roleAllows(req.user.role, role)) throw new HttpError(403, 'forbidden', '没有执行此操作的权限');
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);
