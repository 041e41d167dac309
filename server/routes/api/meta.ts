import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Counties,
  errors,
  Health,
  Organizations,
  OrganizationsQuery,
  Status,
  Unhealthy,
  Years,
} from '../../../shared/schemas/index';
import { localTime } from '../../../shared/time';
import type { Db } from '../../db/client';
import { integrityOf } from '../../db/integrity';
import { engineState } from '../../ingest/formats/engine';
import { EXPENSIVE } from '../../plugins/rate-limits';
import { getCounties } from '../../queries/meta/get-counties';
import { getOrganizations } from '../../queries/meta/get-organizations';
import { getStatus } from '../../queries/meta/get-status';
import { getYears } from '../../queries/meta/get-years';
import { touchDatabase } from '../../queries/meta/known';
import { assertCountyKnown } from './guards';
import { sendCached } from './serialized';

const meta: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['meta'],
        summary: '服务与数据库是否正常（读一次数据库）',
        response: {
          200: Health,
          503: Unhealthy,
        },
      },
    },
    async (req, reply) => {
      try {
        // touches the database: a server whose database has gone bad is not healthy; and the last
        // integrity check (every INTEGRITY_CHECK_S) sees the pages this one read does not
        await touchDatabase(db);
        const integrity = integrityOf(db);
        if (integrity.result !== null && integrity.result !== 'ok') {
          return reply.status(503).send({
            status: 'error' as const,
            message: `数据库文件已损坏（${integrity.checkedAt ? localTime(integrity.checkedAt) : ''} 的完整性检查未通过），请联系管理员停止服务后从备份恢复`,
          });
        }
        return { status: 'ok' as const, reader: engineState() };
      } catch (err) {
        req.log.error({ err }, 'health check: database unreadable');
        return reply.status(503).send({ status: 'error' as const, message: '数据库无法读取，请联系管理员（可从备份恢复）' });
      }
    },
  );

  app.get(
    '/status',
    {
      schema: {
        tags: ['meta'],
        summary: '是否载入了演示数据',
        response: { 200: Status, ...errors(401) },
      },
    },
    () => getStatus(db),
  );

  app.get(
    '/years',
    {
      schema: {
        tags: ['meta'],
        response: {
          200: Years,
          ...errors(401),
        },
      },
    },
    async () => ({ years: await getYears(db) }),
  );

  app.get(
    '/counties',
    {
      schema: {
        tags: ['meta'],
        response: {
          200: Counties,
          ...errors(401),
        },
      },
    },
    async () => ({ counties: await getCounties(db) }),
  );

  app.get(
    '/organizations',
    {
      config: { rateLimit: EXPENSIVE },
      schema: {
        tags: ['meta'],
        querystring: OrganizationsQuery,
        response: {
          200: Organizations,
          ...errors(400, 401, 404),
        },
      },
    },
    async (req, reply) => {
      await assertCountyKnown(db, req.query.county);
      return sendCached(reply, await getOrganizations(db, req.query.county), (organizations) => ({ organizations }));
    },
  );
};

export default meta;
