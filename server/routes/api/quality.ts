import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client';
import { getQuality } from '../../queries/quality/get-quality';
import { assertCountyKnown, assertYearKnown } from './guards';
import { County, errors, NullableString, OrgRef, Year } from './schemas';

const quality: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/quality',
    {
      schema: {
        tags: ['analytics'],
        summary: '数据质量：各报告的检查结果、逾期发布的报告、缺报矩阵（单位 × 年度）',
        querystring: Type.Object({ year: Type.Optional(Year), county: Type.Optional(County) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            years: Type.Array(Type.Integer()),
            findings: Type.Array(
              Type.Object({
                reportId: Type.Integer(),
                organization: Type.Object({ id: Type.Integer(), name: Type.String() }),
                year: Type.Integer(),
                code: Type.String(),
                severity: Type.String(),
                field: NullableString,
                message: Type.String(),
              }),
            ),
            late: Type.Array(
              Type.Object({
                reportId: Type.Integer(),
                organization: Type.Object({ id: Type.Integer(), name: Type.String() }),
                year: Type.Integer(),
                publishedOn: NullableString,
              }),
            ),
            matrix: Type.Array(
              Type.Object({
                organization: OrgRef,
                years: Type.Record(
                  Type.String(),
                  Type.Object({
                    status: Type.String(),
                    reportId: Type.Optional(Type.Integer()),
                    publishedOn: Type.Optional(NullableString),
                  }),
                ),
              }),
            ),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      assertCountyKnown(db, req.query.county);
      if (req.query.year !== undefined) assertYearKnown(db, req.query.year);
      return getQuality(db, req.query);
    },
  );
};

export default quality;
