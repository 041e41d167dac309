import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CollectFailures,
  CollectScheduleSettings,
  CollectState,
  errors,
  IdParams,
  NewCollectSource,
  NoContent,
} from '../../../shared/schemas/index';
import type { Collector } from '../../collect/service';
import { HttpError } from '../../plugins/errors';

/** The 采集 screen (admins): the portal columns to collect from, a crawl started by hand, its progress. */
const collect: FastifyPluginAsyncTypebox<{ collector: Collector }> = async (app, { collector }) => {
  app.get(
    '/collect',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '采集来源、各来源上次采集的结果，以及正在进行的采集',
        response: { 200: CollectState, ...errors(401, 403) },
      },
    },
    async () => ({
      allowPrivate: collector.allowPrivate,
      schedule: await collector.schedule(),
      sources: await collector.sources(),
      running: collector.status(),
    }),
  );

  app.post(
    '/collect/sources',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '添加采集来源：县政府网站“政府信息公开年报”栏目的列表页网址（只访问这些网址所在的网站）',
        body: NewCollectSource,
        response: { 204: NoContent, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await collector.addSource(req.body.url.trim(), req.by);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/collect/sources/:id',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '删除采集来源（已导入的报告保留；记入操作日志）',
        params: IdParams,
        response: { 204: NoContent, ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      if (!(await collector.deleteSource(req.params.id, req.by))) {
        throw new HttpError(404, 'not_found', `采集来源 ${req.params.id} 不存在`);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/collect/sources/:id/run',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '立即采集一个来源（在后台进行；进度见 GET /api/collect）',
        params: IdParams,
        response: { 204: NoContent, ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      if (collector.status()) throw new HttpError(409, 'busy', '正在采集，请等这次采集完成');
      if (!(await collector.start(req.params.id, req.by))) {
        throw new HttpError(404, 'not_found', `采集来源 ${req.params.id} 不存在`);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/collect/cancel',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '取消正在进行的采集（未读完的页面下次采集时继续）',
        response: { 204: NoContent, ...errors(401, 403, 409) },
      },
    },
    async (req, reply) => {
      if (!(await collector.cancel(req.by))) {
        throw new HttpError(409, 'not_running', '现在没有正在进行的采集');
      }
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/collect/schedule',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '设置定时采集：每年从开始日期到结束日期（北京时间），每天在指定钟点后采集全部来源一次',
        body: CollectScheduleSettings,
        response: { 204: NoContent, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await collector.setSchedule(req.body, req.by);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/collect/sources/:id/failures',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['collect'],
        summary: '一个来源中未能采集的页面和文件，及原因',
        params: IdParams,
        response: { 200: CollectFailures, ...errors(401, 403) },
      },
    },
    async (req) => ({ pages: await collector.failures(req.params.id) }),
  );
};

export default collect;
