import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, Quality, QualityQuery } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { EXPENSIVE } from '../../plugins/rate-limits';
import { getQuality } from '../../queries/quality/get-quality';
import { assertCountyKnown, assertYearKnown } from './guards';
import { sendCached } from './serialized';

const quality: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/quality',
    {
      config: { rateLimit: EXPENSIVE },
      schema: {
        tags: ['analytics'],
        summary: '数据质量：各报告的检查结果、逾期发布的报告、缺报矩阵（单位 × 年度）',
        querystring: QualityQuery,
        response: {
          200: Quality,
          ...errors(400, 401, 404),
        },
      },
    },
    async (req, reply) => {
      await assertCountyKnown(db, req.query.county);
      if (req.query.year !== undefined) await assertYearKnown(db, req.query.year);
      return sendCached(reply, await getQuality(db, req.query));
    },
  );
};

export default quality;
