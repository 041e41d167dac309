import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, Login, Me, NoContent } from '../../../shared/schemas/index';
import { audit } from '../../auth/audit';
import { attemptRefused, attemptSucceeded, beginAttempt, recordFailure } from '../../auth/login-throttle';
import { verifyPassword } from '../../auth/passwords';
import { countRequest } from '../../auth/request-counts';
import { createSession, deleteSession } from '../../auth/sessions';
import type { Db } from '../../db/client';
import { SESSION_COOKIE } from '../../plugins/auth';
import { HttpError } from '../../plugins/errors';
import { findLoginUser } from '../../queries/accounts/users';

const accountLocked = () => new HttpError(403, 'account_locked', '该账户因多次密码错误已被锁定，请联系管理员解锁');

// a hash to compare against when the user does not exist, so timing does not tell names apart
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const session: FastifyPluginAsyncTypebox<{
  db: Db;
  secureCookie: boolean;
  sessionHours: number;
  maxSessionsPerUser: number;
}> = async (app, opts) => {
  const { db } = opts;

  app.post(
    '/session',
    {
      schema: {
        tags: ['accounts'],
        summary: '登录',
        body: Login,
        response: { 200: Me, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const { name } = req.body;
      // checked and counted in one step: attempts sent together count each other
      const begun = await beginAttempt(db, name, req.ip);
      if ('blocked' in begun) {
        const { blocked } = begun;
        reply.header('retry-after', String(blocked.retryAfter));
        countRequest(db, req.ip, 'login.throttled');
        throw new HttpError(429, 'too_many_requests', `密码错误次数过多，请 ${Math.ceil(blocked.retryAfter / 60)} 分钟后再试`);
      }
      const user = await findLoginUser(db, name);
      const ok = await verifyPassword(req.body.password, user?.hash ?? DUMMY_HASH);
      if (user?.lockedAt) {
        await attemptRefused(db, begun.attempt, name, req.ip, 'account locked');
        throw accountLocked();
      }
      if (!user || !ok) {
        const locked = await recordFailure(db, name, req.ip, Date.now(), begun.attempt);
        req.log.warn({ name }, 'failed sign-in');
        if (locked) throw accountLocked();
        throw new HttpError(401, 'bad_credentials', '用户名或密码不正确');
      }
      if (user.disabledAt) {
        await attemptRefused(db, begun.attempt, name, req.ip, 'account disabled');
        req.log.warn({ name }, 'sign-in to a disabled account');
        throw new HttpError(403, 'account_disabled', '该账户已停用，不能登录；如仍需使用，请联系管理员重新启用');
      }
      await attemptSucceeded(db, name, req.ip);
      // a fresh token on every sign-in, and the session id it was given (if any) is dropped: no fixation
      const { token, csrfToken } = await createSession(
        db,
        user.id,
        { hours: opts.sessionHours, maxPerUser: opts.maxSessionsPerUser },
        req.cookies[SESSION_COOKIE],
      );
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookie,
        path: '/',
        maxAge: opts.sessionHours * 3600,
      });
      await audit(db, { actor: user.name, ip: req.ip, action: 'login.success' });
      req.log.info({ name: user.name }, 'signed in');
      return { user: { name: user.name, role: user.role }, csrfToken };
    },
  );

  app.delete(
    '/session',
    { schema: { tags: ['accounts'], summary: '退出登录', response: { 204: NoContent, ...errors(400) } } },
    async (req, reply) => {
      await deleteSession(db, req.cookies[SESSION_COOKIE]);
      if (req.user) await audit(db, { actor: req.user.name, ip: req.ip, action: 'logout' });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['accounts'], summary: '当前登录用户', response: { 200: Me, ...errors(401) } } },
    async (req) => {
      if (!req.user) throw new HttpError(401, 'unauthenticated', '未登录');
      return { user: { name: req.user.name, role: req.user.role }, csrfToken: req.user.csrfToken };
    },
  );
};

export default session;
