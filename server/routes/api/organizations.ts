import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unitNameProblem } from '../../../shared/report/index';
import {
  errors,
  IdParams,
  NoContent,
  OrganizationChange,
  OrganizationDetails,
  OrganizationMerge,
  OrganizationsQuery,
} from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { countyListed } from '../../queries/meta/known';
import { mergeOrganizations, organizationDetails, updateOrganization } from '../../queries/organizations/manage';

/**
 * The 单位 page: an editor renames a unit, sets its county (for units whose reports never name it)
 * and merges a unit imported under two names. GET /api/organizations (meta) stays the read list.
 */
const organizations: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/organizations/details',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['organizations'],
        summary: '单位管理列表：各单位的全部名称写法与现行报告数',
        querystring: OrganizationsQuery,
        response: { 200: OrganizationDetails, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ organizations: await organizationDetails(db, req.query.county) }),
  );

  app.patch(
    '/organizations/:id',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['organizations'],
        summary: '单位改名（原名保留为别名）或设置所属县（须在县名单中；null 为未分配）；记入审计日志',
        params: IdParams,
        body: OrganizationChange,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { name, county } = req.body;
      const problem = name !== undefined ? unitNameProblem(name) : null;
      if (problem) throw new HttpError(400, 'bad_request', problem);
      if (typeof county === 'string' && !(await countyListed(db, county))) {
        throw new HttpError(400, 'bad_request', `“${county}”不在县名单中，请先由管理员添加`);
      }
      const ok = await updateOrganization(
        db,
        req.params.id,
        { ...(name !== undefined ? { name: name.trim() } : {}), ...(county !== undefined ? { county } : {}) },
        req.by,
      );
      if (!ok) throw new HttpError(404, 'not_found', `单位 ${req.params.id} 不存在`);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/organizations/:id/merge',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['organizations'],
        summary: '把另一个单位（同一单位的另一种写法）合并进本单位：名称成为别名，报告归入本单位；记入审计日志',
        params: IdParams,
        body: OrganizationMerge,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const r = await mergeOrganizations(db, req.params.id, req.body.from, req.by);
      if (r === 'same') throw new HttpError(400, 'bad_request', '不能把单位合并到它自己');
      if (r === 'not_found') throw new HttpError(404, 'not_found', '要合并的单位不存在');
      return reply.status(204).send(null);
    },
  );
};

export default organizations;
