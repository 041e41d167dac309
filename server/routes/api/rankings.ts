import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { metricByKey } from '../../../shared/metrics';
import {
  Categories,
  CategoriesQuery,
  errors,
  RANKING_PAGE,
  RankingPage,
  RankingPageQuery,
  Trends,
  TrendsQuery,
} from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { cached } from '../../db/result-cache';
import { HttpError } from '../../plugins/errors';
import { categoryTotals, getCategories } from '../../queries/categories/get-categories';
import { yearRange } from '../../queries/meta/known';
import { getRanking, summarize } from '../../queries/rankings/get-ranking';
import { getTrends } from '../../queries/trends/get-trends';
import { assertCountyKnown, assertYearKnown } from './guards';

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
          200: RankingPage,
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const metric = metricOf(req.query.metric);
      await assertCountyKnown(db, req.query.county);
      await assertYearKnown(db, req.query.year);
      const { year, county, q, group } = req.query;
      const limit = req.query.limit ?? RANKING_PAGE;
      const offset = req.query.offset ?? 0;
      // the whole ranking is computed once per data version, since a ranking is read far more often
      // than it is written; the response schema serialises the page asked for
      const whole = await cached(db, `ranking|${year}|${county}|${metric.key}|${group}`, async () => {
        const r = await getRanking(db, { year, county, metric, group });
        return { ...r, summary: summarize(r.rows) };
      });
      const needle = q?.trim();
      const matching = needle
        ? await cached(db, `ranking-filter|${year}|${county}|${metric.key}|${group}|${needle}`, () =>
            whole.rows.filter((r) => r.organization.name.includes(needle)),
          )
        : whole.rows;
      return {
        year,
        group: whole.group,
        groups: whole.groups,
        metric: metric.key,
        metricLabel: metric.label,
        unit: metric.unit,
        total: matching.length,
        offset,
        limit,
        summary: whole.summary,
        rows: matching.slice(offset, offset + limit),
      };
    },
  );

  app.get(
    '/trends',
    {
      schema: {
        tags: ['analytics'],
        summary: '一个或多个单位的指标历年变化，及全县合计',
        querystring: TrendsQuery,
        response: {
          200: Trends,
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      const metric = metricOf(req.query.metric);
      await assertCountyKnown(db, req.query.county);
      const years = await yearRange(db);
      const from = req.query.from ?? years.lo ?? new Date().getFullYear() - 1;
      const to = req.query.to ?? years.hi ?? from;
      if (from > to) throw new HttpError(400, 'bad_request', '起始年度不能晚于结束年度');
      if (to - from > 50) throw new HttpError(400, 'bad_request', '年度范围不能超过 50 年');
      const organizationIds = (req.query.organization ?? '').split(',').filter(Boolean).map(Number);
      const { county, group } = req.query;
      const trends = await cached(db, `trends|${organizationIds}|${metric.key}|${from}|${to}|${county}|${group}`, () =>
        getTrends(db, { organizationIds, metric, from, to, county, group }),
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
        querystring: CategoriesQuery,
        response: {
          200: Categories,
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => {
      await assertCountyKnown(db, req.query.county);
      await assertYearKnown(db, req.query.year);
      const { year, county, limit, reports } = req.query;
      // reports asked for by id are given whatever their group
      const group = req.query.group ?? (reports ? 'all' : undefined);
      const whole = await cached(db, `categories|${year}|${county}|${group}`, async () => {
        const all = await getCategories(db, { year, county, group });
        return { ...all, totals: categoryTotals(all.rows) };
      });
      const wanted = reports ? new Set(reports.split(',').map(Number)) : null;
      const rows = wanted ? whole.rows.filter((r) => wanted.has(r.reportId)) : whole.rows;
      return {
        year,
        group: whole.group,
        groups: whole.groups,
        categories: [...whole.categories],
        total: whole.rows.length,
        totals: whole.totals,
        rows: limit === undefined ? rows : rows.slice(0, limit),
      };
    },
  );
};

export default rankings;
