import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { isCountyForm } from '../../../shared/report/gazetteer';
import { appendAudit, listAudit } from '../../auth/audit';
import { unlockAccount } from '../../auth/login-throttle';
import type { Db } from '../../db/client';
import { writeTransaction } from '../../db/write';
import { HttpError } from '../../plugins/errors';
import { prepared } from '../../queries/statement-cache';
import { errors, NullableString } from './schemas';

const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: NullableString,
  ip: NullableString,
  action: Type.String(),
  target: NullableString,
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const CountyRow = Type.Object({
  name: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  organizations: Type.Integer({ description: '归入该县的单位数' }),
});

const UserRow = Type.Object({
  name: Type.String(),
  role: Type.String(),
  createdAt: Type.String(),
  lockedAt: NullableString,
  sessions: Type.Integer({ description: '当前有效的登录会话数' }),
});

/** The admin's pages: the audit log, accounts (unlock), and the county list uploads may be assigned to. */
const admin: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, opts) => {
  const { db } = opts;

  app.get(
    '/admin/audit',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '审计日志（最新在前）：登录、账户、导入、更正、单位与县名单变更、导出与原件下载',
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            before: Type.Optional(Type.Integer({ minimum: 1, description: '只看编号小于此值的（翻页）' })),
            action: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z.]+$', description: '如 login、import、export' })),
            actor: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ entries: Type.Array(AuditRow) }), ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ entries: listAudit(db, req.query) }),
  );

  app.get(
    '/admin/users',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '账户列表（含锁定状态）',
        response: { 200: Type.Object({ users: Type.Array(UserRow) }), ...errors(401, 403) },
      },
    },
    async () => ({
      users: prepared(
        db,
        `select u.name, u.role, u.created_at as createdAt, u.locked_at as lockedAt,
                (select count(*) from sessions s where s.user_id = u.id and s.expires_at > ?) as sessions
           from users u order by u.name`,
      ).all(new Date().toISOString()) as Type.Static<typeof UserRow>[],
    }),
  );

  app.post(
    '/admin/users/:name/unlock',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '解锁因多次密码错误被锁定的账户',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const ok = await unlockAccount(db, req.params.name, { actor: req.user?.name ?? 'unknown', ip: req.ip });
      if (!ok) throw new HttpError(404, 'not_found', `没有账户“${req.params.name}”`);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/counties',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['admin'],
        summary: '县名单：上传时可手工指定的县（报告中写明的县自动加入）',
        response: { 200: Type.Object({ counties: Type.Array(CountyRow) }), ...errors(401, 403) },
      },
    },
    async () => ({
      counties: prepared(
        db,
        `select c.name, c.created_at as createdAt, c.created_by as createdBy,
                (select count(*) from organizations o where o.county = c.name) as organizations
           from counties c order by c.name`,
      ).all() as Type.Static<typeof CountyRow>[],
    }),
  );

  app.post(
    '/admin/counties',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '向县名单添加一个县（须为县级行政区的正式名称）',
        body: Type.Object({ name: Type.String({ minLength: 2, maxLength: 40 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const name = req.body.name.trim();
      if (!isCountyForm(name)) throw new HttpError(400, 'unknown_county', `“${name}”不是已知的县级行政区名称`);
      const added = await writeTransaction(db, () => {
        const now = new Date().toISOString();
        const changes = prepared(db, 'insert or ignore into counties (name, created_at, created_by) values (?, ?, ?)').run(
          name,
          now,
          req.user?.name ?? 'unknown',
        ).changes;
        if (changes > 0)
          appendAudit(db, { actor: req.user?.name ?? null, ip: req.ip, action: 'county.added', target: name }, now);
        return changes > 0;
      });
      if (!added) throw new HttpError(409, 'exists', `县名单中已有“${name}”`);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/admin/counties/:name',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '从县名单删除一个县（已有单位归入该县时不能删除）',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { name } = req.params;
      const outcome = await writeTransaction(db, () => {
        const used = (prepared(db, 'select count(*) as n from organizations where county = ?').get(name) as { n: number }).n;
        if (used > 0) return { used };
        const removed = prepared(db, 'delete from counties where name = ?').run(name).changes > 0;
        if (removed) appendAudit(db, { actor: req.user?.name ?? null, ip: req.ip, action: 'county.removed', target: name });
        return { removed };
      });
      if ('used' in outcome) throw new HttpError(409, 'in_use', `已有 ${outcome.used} 个单位归入“${name}”，不能删除`);
      if (!outcome.removed) throw new HttpError(404, 'not_found', `县名单中没有“${name}”`);
      return reply.status(204).send(null);
    },
  );
};

export default admin;
