import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { metricByKey } from '../../../shared/metrics';
import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { getCategories } from '../../queries/categories/get-categories';
import { getRanking } from '../../queries/rankings/get-ranking';
import { cached } from '../../queries/result-cache';
import { getTrends } from '../../queries/trends/get-trends';
import { assertCountyKnown, assertYearKnown } from './guards';
import { County, errors, Metric, NullableInteger, NullableNumber, OrgRef, Year } from './schemas';

export const RankingRow = Type.Object({
  rank: NullableInteger,
  organization: OrgRef,
  status: Type.Union([Type.Literal('ranked'), Type.Literal('noValue'), Type.Literal('missing')]),
  reportId: NullableInteger,
  value: NullableNumber,
  previous: NullableNumber,
  change: NullableNumber,
  changePct: NullableNumber,
  rankChange: NullableInteger,
});

export const RankingQuery = Type.Object(
  { year: Year, county: Type.Optional(County), metric: Type.Optional(Metric) },
  { additionalProperties: false },
);

function metricOf(key: string | undefined) {
  const metric = metricByKey(key ?? 'proactive');
  if (!metric) throw new HttpError(400, 'bad_request', `未知的指标：${key}`);
  return metric;
}

const rankings: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/rankings',
    {
      schema: {
        tags: ['analytics'],
        summary: '某年度各单位按指标排名（并列同名次；无报告的单位列在最后，标为缺报）',
        querystring: RankingQuery,
        response: {
          200: Type.Object({
            year: Type.Integer(),
            metric: Type.String(),
            metricLabel: Type.String(),
            unit: Type.String(),
            rows: Type.Array(RankingRow),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req, reply) => {
      const metric = metricOf(req.query.metric);
      assertCountyKnown(db, req.query.county);
      assertYearKnown(db, req.query.year);
      const { year, county } = req.query;
      // the whole answer is cached as JSON until the data changes: a ranking is read far more than written
      const json = cached(db, `ranking|${year}|${county}|${metric.key}`, () =>
        JSON.stringify({
          year,
          metric: metric.key,
          metricLabel: metric.label,
          unit: metric.unit,
          rows: getRanking(db, { year, county, metric }),
        }),
      );
      // a string payload is sent as it is: Fastify does not serialize it again
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.get(
    '/trends',
    {
      schema: {
        tags: ['analytics'],
        summary: '一个或多个单位的指标历年变化，及全县合计',
        querystring: Type.Object(
          {
            organization: Type.Optional(
              Type.String({ pattern: '^\\d{1,9}(,\\d{1,9}){0,49}$', description: '单位 id，多个以逗号分隔' }),
            ),
            metric: Type.Optional(Metric),
            from: Type.Optional(Year),
            to: Type.Optional(Year),
            county: Type.Optional(County),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            metric: Type.String(),
            metricLabel: Type.String(),
            years: Type.Array(Type.Integer()),
            series: Type.Array(
              Type.Object({
                organization: OrgRef,
                points: Type.Array(
                  Type.Object({
                    year: Type.Integer(),
                    value: NullableNumber,
                    reportId: NullableInteger,
                  }),
                ),
              }),
            ),
            total: Type.Array(
              Type.Object({ year: Type.Integer(), value: Type.Number(), reports: Type.Integer(), unreadable: Type.Integer() }),
            ),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const metric = metricOf(req.query.metric);
      assertCountyKnown(db, req.query.county);
      const years =
        (db.$client.prepare('select min(year) as lo, max(year) as hi from reports').get() as {
          lo: number | null;
          hi: number | null;
        }) ?? {};
      const from = req.query.from ?? years.lo ?? new Date().getFullYear() - 1;
      const to = req.query.to ?? years.hi ?? from;
      if (from > to) throw new HttpError(400, 'bad_request', '起始年度不能晚于结束年度');
      if (to - from > 50) throw new HttpError(400, 'bad_request', '年度范围不能超过 50 年');
      const organizationIds = (req.query.organization ?? '').split(',').filter(Boolean).map(Number);
      const county = req.query.county;
      const trends = cached(db, `trends|${organizationIds}|${metric.key}|${from}|${to}|${county}`, () =>
        getTrends(db, { organizationIds, metric, from, to, county }),
      );
      return { metric: metric.key, metricLabel: metric.label, ...trends };
    },
  );

  app.get(
    '/categories',
    {
      schema: {
        tags: ['analytics'],
        summary: '某年度各单位主动公开信息的规范分类条数',
        querystring: Type.Object({ year: Year, county: Type.Optional(County) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            categories: Type.Array(Type.String()),
            rows: Type.Array(
              Type.Object({
                organization: OrgRef,
                reportId: Type.Integer(),
                proactiveTotal: NullableNumber,
                categories: Type.Record(Type.String(), NullableNumber),
              }),
            ),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      assertCountyKnown(db, req.query.county);
      assertYearKnown(db, req.query.year);
      const { categories, rows } = getCategories(db, req.query);
      return { year: req.query.year, categories: [...categories], rows };
    },
  );
};

export default rankings;
