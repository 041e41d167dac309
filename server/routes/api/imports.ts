import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unitNameProblem } from '../../../shared/report/org-name';
import {
  errors,
  IdParams,
  ImportDecision,
  ImportJob,
  ImportJobs,
  ImportJobsQuery,
  ImportUnit,
} from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { expandArchives } from '../../ingest/archives';
import { FormatError } from '../../ingest/formats/errors';
import type { ImportQueue } from '../../ingest/import-queue';
import { HttpError } from '../../plugins/errors';
import { readUpload, type UploadLimits, withUploadSlot } from './upload';

/**
 * The import page's queue: files are accepted at once (202) and read in turn; the page polls their
 * state. POST /api/reports stays for scripts that want the results in the same request.
 */
const imports: FastifyPluginAsyncTypebox<{ db: Db; queue: ImportQueue } & UploadLimits> = async (app, opts) => {
  const { queue } = opts;

  app.post(
    '/imports',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['imports'],
        summary:
          '上传报告文件排队导入（multipart/form-data，字段 files；可选字段 county）；.zip 压缩包中的每个文件各为一个任务；立即返回每个文件的排队任务',
        consumes: ['multipart/form-data'],
        response: { 202: ImportJobs, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (req, reply) => {
      const importedBy = req.by.actor;
      const { files, county } = await withUploadSlot(importedBy, opts.maxUploadsPerUser, () => readUpload(req, opts.db, opts));
      // a .zip of reports: one job per file in it
      const expanded = await expandArchives(files, opts.maxUploadBytes, opts.maxRequestBytes).catch((e: unknown) => {
        if (e instanceof FormatError) throw new HttpError(400, 'bad_archive', e.zh);
        throw e;
      });
      const jobs = await queue.enqueue(expanded, { county, importedBy, ip: req.ip });
      req.log.info({ files: files.length, jobs: jobs.map((j) => j.id) }, 'upload queued');
      return reply.status(202).send({ jobs });
    },
  );

  app.get(
    '/imports',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['imports'],
        summary: '我上传的文件的导入状态（ids 指定任务，逗号分隔；不指定则为最近 50 个）',
        querystring: ImportJobsQuery,
        response: { 200: ImportJobs, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const ids = req.query.ids ? req.query.ids.split(',').map(Number) : null;
      return { jobs: await queue.get(ids, req.by.actor) };
    },
  );

  app.post(
    '/imports/:id/decision',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['imports'],
        summary: '对将替换现行版本的文件作出决定：replace 为 true 则替换（重新读取并导入），false 则放弃（不写入任何内容）',
        params: IdParams,
        body: ImportDecision,
        response: { 200: ImportJob, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const job = await queue.decide(req.params.id, req.by.actor, req.body.replace, req.ip);
      if (!job) throw new HttpError(404, 'not_found', `没有等待确认的导入任务 ${req.params.id}`);
      return job;
    },
  );

  app.post(
    '/imports/:id/unit',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['imports'],
        summary:
          '为报告中未能识别单位的文件指定所属单位（已有单位 organizationId，或新建单位 name），文件随即按此单位重新读取并导入',
        params: IdParams,
        body: ImportUnit,
        response: { 200: ImportJob, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const unit = req.body;
      if ('name' in unit) {
        const problem = unitNameProblem(unit.name);
        if (problem) throw new HttpError(400, 'bad_name', problem);
      }
      const job = await queue.assignUnit(req.params.id, req.by.actor, unit);
      if (!job) throw new HttpError(404, 'not_found', `没有等待指定单位的导入任务 ${req.params.id}`);
      return job;
    },
  );
};

export default imports;
