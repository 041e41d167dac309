import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isCountyForm } from '../../../shared/report/gazetteer';
import {
  AuditEntries,
  AuditQuery,
  CountyList,
  CountyNameParams,
  errors,
  NewCounty,
  NoContent,
  SavedUser,
  SaveUser,
  UserList,
  UserNameParams,
} from '../../../shared/schemas/index';
import { appendAudit, listAudit } from '../../auth/audit';
import { unlockAccount } from '../../auth/login-throttle';
import { hashPassword, passwordProblem } from '../../auth/passwords';
import type { Db } from '../../db/client';
import { writeTransaction } from '../../db/write';
import { HttpError } from '../../plugins/errors';
import { addCounty, listCounties, organizationsOfCounty, removeCounty } from '../../queries/accounts/counties';
import {
  deleteUser,
  LastAdminError,
  listUsers,
  roleOf,
  saveUser,
  setUserDisabled,
  setUserRole,
} from '../../queries/accounts/users';

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
        querystring: AuditQuery,
        response: { 200: AuditEntries, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ entries: await listAudit(db, req.query) }),
  );

  app.get(
    '/admin/users',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '账户列表（含锁定状态）',
        response: { 200: UserList, ...errors(401, 403) },
      },
    },
    async () => ({ users: await listUsers(db) }),
  );

  app.put(
    '/admin/users/:name',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '新建账户，或修改角色、重设密码（重设密码同时解锁账户；修改后该账户需重新登录）',
        params: UserNameParams,
        body: SaveUser,
        response: { 200: SavedUser, ...errors(400, 401, 403, 409) },
      },
    },
    async (req) => {
      const name = req.params.name.trim();
      const { role, password } = req.body;
      const by = req.by;
      // the last administrator cannot give up the role (checked inside the change's own transaction)
      const lastAdmin = (e: unknown) => {
        if (e instanceof LastAdminError) {
          throw new HttpError(409, 'last_admin', '这是唯一的管理员账户，不能改为其他角色；请先设置另一名管理员');
        }
        throw e;
      };
      if (password === undefined) {
        if ((await roleOf(db, name)) === undefined) throw new HttpError(400, 'bad_request', '新建账户须设置密码');
        await setUserRole(db, name, role, by).catch(lastAdmin);
        return { name, role, created: false };
      }
      const problem = passwordProblem(password, name);
      if (problem) throw new HttpError(400, 'bad_request', problem);
      const passwordHash = await hashPassword(password);
      const { created } = await saveUser(db, { name, role, passwordHash }, by).catch(lastAdmin);
      return { name, role, created };
    },
  );

  app.post(
    '/admin/users/:name/unlock',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '解锁因多次密码错误被锁定的账户',
        params: UserNameParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const ok = await unlockAccount(db, req.params.name, req.by);
      if (!ok) throw new HttpError(404, 'not_found', `没有账户“${req.params.name}”`);
      return reply.status(204).send(null);
    },
  );

  const lastAdmin = (e: unknown): never => {
    if (e instanceof LastAdminError) {
      throw new HttpError(409, 'last_admin', '这是唯一可用的管理员账户，不能停用或删除；请先设置另一名管理员');
    }
    throw e;
  };

  for (const [path, disabled, summary] of [
    ['/admin/users/:name/disable', true, '停用账户（人员离岗）：立即结束其所有登录会话，之后不能登录，直到重新启用'],
    ['/admin/users/:name/enable', false, '重新启用已停用的账户'],
  ] as const) {
    app.post(
      path,
      {
        preHandler: app.requireRole('admin'),
        schema: {
          tags: ['admin'],
          summary,
          params: UserNameParams,
          response: { 204: NoContent, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const by = req.by;
        const ok = await setUserDisabled(db, req.params.name, disabled, by).catch(lastAdmin);
        if (!ok) throw new HttpError(404, 'not_found', `没有账户“${req.params.name}”`);
        return reply.status(204).send(null);
      },
    );
  }

  app.delete(
    '/admin/users/:name',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '删除账户（其登录会话一并结束；审计日志中该账户的记录保留）',
        params: UserNameParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const ok = await deleteUser(db, req.params.name, req.by).catch(lastAdmin);
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
        response: { 200: CountyList, ...errors(401, 403) },
      },
    },
    async () => ({ counties: await listCounties(db) }),
  );

  app.post(
    '/admin/counties',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '向县名单添加一个县（须为县级行政区的正式名称）',
        body: NewCounty,
        response: { 204: NoContent, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const name = req.body.name.trim();
      if (!isCountyForm(name)) throw new HttpError(400, 'unknown_county', `“${name}”不是已知的县级行政区名称`);
      const added = await writeTransaction(db, async (tx) => {
        const now = new Date().toISOString();
        const added = await addCounty(tx, name, req.by.actor, now);
        if (added) await appendAudit(tx, { actor: req.actor, ip: req.ip, action: 'county.added', target: name }, now);
        return added;
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
        params: CountyNameParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { name } = req.params;
      const outcome = await writeTransaction(db, async (tx) => {
        const used = await organizationsOfCounty(tx, name);
        if (used > 0) return { used };
        const removed = await removeCounty(tx, name);
        if (removed) await appendAudit(tx, { actor: req.actor, ip: req.ip, action: 'county.removed', target: name });
        return { removed };
      });
      if ('used' in outcome) throw new HttpError(409, 'in_use', `已有 ${outcome.used} 个单位归入“${name}”，不能删除`);
      if (!outcome.removed) throw new HttpError(404, 'not_found', `县名单中没有“${name}”`);
      return reply.status(204).send(null);
    },
  );
};

export default admin;
