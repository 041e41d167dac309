import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, RereadApply, RereadPreview, RereadResult, RereadScope } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { rereadApply, rereadPreview } from '../../ingest/reread';

/**
 * Re-reading stored originals when the reader improves (admin): a preview of what would change,
 * then the reports the admin confirms, each written as a new version in its own transaction.
 */
const reread: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/admin/reread/preview',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: '用当前读取器重新读取原件，列出每份报告会变化的数字、单位和检查结果；不写入任何内容',
        body: RereadScope,
        response: { 200: RereadPreview, ...errors(400, 401, 403) },
      },
    },
    async (req) => rereadPreview(db, req.body),
  );

  app.post(
    '/admin/reread/apply',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary:
          '对确认的报告应用重新读取的结果：各写为同一原件的新版本（每份一个事务），原文未变的数字沿用更正，变了的更正列为待核对；每份一条审计记录',
        body: RereadApply,
        response: { 200: RereadResult, ...errors(400, 401, 403) },
      },
    },
    async (req) => rereadApply(db, req.body.reportIds, req.by),
  );
};

export default reread;
