import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errors,
  FigureCheck,
  IdParams,
  ReportReview,
  ReviewQueue,
  ReviewQueueQuery,
  ReviewSummary,
} from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { confirmFigure, NotToCheckError, reviewQueue } from '../../queries/reports/review';

/** 待核对: the queue of reports with figures to check against their originals, and 核对无误 one figure at a time. */
const review: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/review',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['review'],
        summary: '待核对：某县某年度有待核对数字的报告（影响排名的在前），以及已核对的报告数',
        querystring: ReviewQueueQuery,
        response: { 200: ReviewQueue, ...errors(400, 401, 403) },
      },
    },
    async (req) => reviewQueue(db, req.query),
  );

  app.get(
    '/review/summary',
    {
      schema: {
        tags: ['review'],
        summary: '某县某年度现行报告中已核对（含无需核对）的家数',
        querystring: ReviewQueueQuery,
        response: { 200: ReviewSummary, ...errors(400) },
      },
    },
    async (req) => {
      const q = await reviewQueue(db, req.query);
      return { checked: q.checked, total: q.total };
    },
  );

  app.post(
    '/reports/:id/checks',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['review'],
        summary: '核对无误：与原件核对，某个待核对数字与原件一致（记录核对人和时间，写入审计日志）',
        params: IdParams,
        body: FigureCheck,
        response: { 200: ReportReview, ...errors(400, 401, 403, 409) },
      },
    },
    async (req) => {
      try {
        return await confirmFigure(db, {
          reportId: req.params.id,
          field: req.body.field,
          by: req.by.actor,
          ip: req.ip,
        });
      } catch (e) {
        if (e instanceof NotToCheckError) {
          throw new HttpError(409, 'not_to_check', '该数字不在这份报告的待核对项中（或报告已被新版本替换），没有记录');
        }
        throw e;
      }
    },
  );
};

export default review;
