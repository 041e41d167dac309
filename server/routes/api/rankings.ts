import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { metricByKey } from '../../../shared/metrics';
import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { categoryTotals, getCategories } from '../../queries/categories/get-categories';
import { getRanking, summarize } from '../../queries/rankings/get-ranking';
import { cached } from '../../queries/result-cache';
import { prepared } from '../../queries/statement-cache';
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
  errors: NullableInteger,
  warnings: NullableInteger,
});

const RankingSummary = Type.Object({
  organizations: Type.Integer({ description: '范围内的单位数' }),
  received: Type.Integer({ description: '已收到本年度报告的单位数' }),
  ranked: Type.Integer(),
  noValue: Type.Integer({ description: '报告已收到但该指标无法读取的单位数' }),
  sum: Type.Number({ description: '参与排名的数值合计' }),
  reportsWithErrors: Type.Integer({ description: '有错误级检查结果的报告数' }),
});

/** Page size of a ranking when none is asked for; the dashboard asks for what it shows. */
export const RANKING_PAGE = 100;

export const RankingQuery = Type.Object(
  { year: Year, county: Type.Optional(County), metric: Type.Optional(Metric) },
  { additionalProperties: false },
);

const RankingPageQuery = Type.Object(
  {
    year: Year,
    county: Type.Optional(County),
    metric: Type.Optional(Metric),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, description: `每页行数，默认 ${RANKING_PAGE}` })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: '跳过的行数' })),
    q: Type.Optional(Type.String({ maxLength: 40, description: '按单位名称筛选（包含即可）' })),
  },
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
        summary:
          '某年度各单位按指标排名（并列同名次；无报告的单位列在最后，标为缺报）。按页返回（limit/offset，可按名称筛选 q）；summary 为全部单位的汇总',
        querystring: RankingPageQuery,
        response: {
          200: Type.Object({
            year: Type.Integer(),
            metric: Type.String(),
            metricLabel: Type.String(),
            unit: Type.String(),
            total: Type.Integer({ description: '符合筛选条件的行数（分页前）' }),
            offset: Type.Integer(),
            limit: Type.Integer(),
            summary: RankingSummary,
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
      const { year, county, q } = req.query;
      const limit = req.query.limit ?? RANKING_PAGE;
      const offset = req.query.offset ?? 0;
      // the whole ranking is computed once per data version; each page's JSON is cached beside it,
      // since a ranking is read far more often than it is written
      const whole = cached(db, `ranking|${year}|${county}|${metric.key}`, () => {
        const rows = getRanking(db, { year, county, metric });
        return { rows, summary: summarize(rows) };
      });
      const json = cached(db, `ranking-page|${year}|${county}|${metric.key}|${limit}|${offset}|${q ?? ''}`, () => {
        const needle = q?.trim();
        const matching = needle ? whole.rows.filter((r) => r.organization.name.includes(needle)) : whole.rows;
        return JSON.stringify({
          year,
          metric: metric.key,
          metricLabel: metric.label,
          unit: metric.unit,
          total: matching.length,
          offset,
          limit,
          summary: whole.summary,
          rows: matching.slice(offset, offset + limit),
        });
      });
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
      // two subqueries, so that each reads one end of the year index instead of scanning the table
      const years = prepared(db, 'select (select min(year) from reports) as lo, (select max(year) from reports) as hi').get() as {
        lo: number | null;
        hi: number | null;
      };
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
        summary:
          '某年度各单位主动公开信息的规范分类条数，按主动公开总数从多到少；totals 为全部单位各类合计。可用 limit 取前若干个单位，或用 reports 指定报告',
        querystring: Type.Object(
          {
            year: Year,
            county: Type.Optional(County),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, description: '只返回前若干个单位' })),
            reports: Type.Optional(
              Type.String({
                pattern: '^\\d{1,9}(,\\d{1,9}){0,499}$',
                description: '只返回这些报告（id，以逗号分隔，至多 500 个）',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            categories: Type.Array(Type.String()),
            total: Type.Integer({ description: '范围内有报告的单位数' }),
            totals: Type.Record(Type.String(), Type.Object({ sum: Type.Number(), unreadable: Type.Integer() })),
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
      const { year, county, limit, reports } = req.query;
      const whole = cached(db, `categories|${year}|${county}`, () => {
        const all = getCategories(db, { year, county });
        return { ...all, totals: categoryTotals(all.rows) };
      });
      const wanted = reports ? new Set(reports.split(',').map(Number)) : null;
      const rows = wanted ? whole.rows.filter((r) => wanted.has(r.reportId)) : whole.rows;
      return {
        year,
        categories: [...whole.categories],
        total: whole.rows.length,
        totals: whole.totals,
        rows: limit === undefined ? rows : rows.slice(0, limit),
      };
    },
  );
};

export default rankings;
