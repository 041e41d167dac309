import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client';
import { getCounties } from '../../queries/meta/get-counties';
import { getOrganizations } from '../../queries/meta/get-organizations';
import { getStatus } from '../../queries/meta/get-status';
import { getYears } from '../../queries/meta/get-years';
import { assertCountyKnown } from './guards';
import { County, errors, NullableString } from './schemas';

const meta: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/health',
    { schema: { tags: ['meta'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/status',
    {
      schema: {
        tags: ['meta'],
        summary: '是否载入了演示数据',
        response: { 200: Type.Object({ demo: Type.Boolean() }), ...errors(401) },
      },
    },
    async () => getStatus(db),
  );

  app.get(
    '/years',
    {
      schema: {
        tags: ['meta'],
        response: {
          200: Type.Object({ years: Type.Array(Type.Object({ year: Type.Integer(), reports: Type.Integer() })) }),
          ...errors(401),
        },
      },
    },
    async () => ({ years: getYears(db) }),
  );

  app.get(
    '/counties',
    {
      schema: {
        tags: ['meta'],
        response: {
          200: Type.Object({
            counties: Type.Array(Type.Object({ county: NullableString, organizations: Type.Integer() })),
          }),
          ...errors(401),
        },
      },
    },
    async () => ({ counties: getCounties(db) }),
  );

  app.get(
    '/organizations',
    {
      schema: {
        tags: ['meta'],
        querystring: Type.Object({ county: Type.Optional(County) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            organizations: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                fullName: NullableString,
                kind: Type.String(),
                county: NullableString,
              }),
            ),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      assertCountyKnown(db, req.query.county);
      return { organizations: getOrganizations(db, req.query.county) };
    },
  );
};

export default meta;
