import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fieldLabel } from '../../../shared/report/fields';
import {
  errors,
  FigureCorrection,
  IdParams,
  ReportDetail,
  ReportList,
  ReportListQuery,
  SourceFile,
  UploadRefused,
  UploadResults,
} from '../../../shared/schemas/index';
import { audit } from '../../auth/audit';
import { roleAllows } from '../../auth/passwords';
import { countRequest } from '../../auth/request-counts';
import type { SessionUser } from '../../auth/sessions';
import type { Db } from '../../db/client';
import { auditImport } from '../../ingest/import-audit';
import type { ImportResult as ImportResultOf } from '../../ingest/import-report';
import { importDocument } from '../../ingest/import-report';
import { HttpError } from '../../plugins/errors';
import { DOWNLOADS } from '../../plugins/rate-limits';
import { correctFigure, figureTarget, StaleFigureError } from '../../queries/reports/correct-figure';
import { type Audience, getReport } from '../../queries/reports/get-report';
import { getSource } from '../../queries/reports/get-source';
import { listReports } from '../../queries/reports/list-reports';
import { makeCurrent } from '../../queries/reports/make-current';
import { readUpload, type UploadLimits, withUploadSlot } from './upload';

/** `filename*` for any name, and an ASCII fallback for old clients (RFC 6266). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Whose staff names a request may see (get-report.ts). */
function audienceOf(user: SessionUser | null): Audience {
  if (!user) return 'visitor';
  return roleAllows(user.role, 'editor') ? 'editor' : 'viewer';
}

const reports: FastifyPluginAsyncTypebox<{ db: Db } & UploadLimits> = async (app, opts) => {
  const { db } = opts;

  app.get(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        querystring: ReportListQuery,
        response: { 200: ReportList, ...errors(400, 401) },
      },
    },
    async (req) => ({
      reports: await listReports(db, {
        year: req.query.year,
        organizationId: req.query.organization,
        history: req.query.history,
      }),
    }),
  );

  app.get(
    '/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: '一份报告：解析结果（契约格式）、版本历史、更正记录、原文',
        params: IdParams,
        response: { 200: ReportDetail, ...errors(400, 401, 404) },
      },
    },
    async (req) => {
      const report = await getReport(db, req.params.id, audienceOf(req.user));
      if (!report) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
      return report;
    },
  );

  app.get(
    '/reports/:id/source',
    {
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['reports'],
        summary: '报告原始文件（导入时的原样字节）',
        params: IdParams,
        response: { 200: SourceFile, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const source = await getSource(db, req.params.id);
      if (!source) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
      // what a person did is audited; an anonymous download is counted (per address and minute)
      if (req.user) {
        await audit(db, {
          actor: req.user.name,
          ip: req.ip,
          action: 'source.downloaded',
          target: `report ${req.params.id}`,
          detail: { file: source.fileName },
        });
      } else countRequest(db, req.ip, 'download.anonymous');
      return reply
        .header('content-type', source.mediaType)
        .header('content-disposition', contentDisposition(source.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(source.bytes);
    },
  );

  app.post(
    '/reports',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['reports'],
        summary: '上传一个或多个报告文件（multipart/form-data，字段 files；可选字段 county）',
        consumes: ['multipart/form-data'],
        response: {
          200: UploadResults,
          422: UploadRefused,
          ...errors(400, 401, 403, 413, 415),
        },
      },
    },
    async (req, reply) => {
      const importedBy = req.by.actor;
      const results = await withUploadSlot(importedBy, opts.maxUploadsPerUser, async () => {
        const { files, county } = await readUpload(req, db, opts);
        const out: ImportResultOf[] = [];
        for (const f of files) {
          const result = await importDocument(db, { bytes: f.bytes, fileName: f.name, county, importedBy, ip: req.ip });
          req.log.info({ file: f.name, status: result.status, reason: result.reason?.en }, 'upload imported');
          await auditImport(db, result, { actor: importedBy, ip: req.ip, county });
          out.push(result);
        }
        return out;
      });
      if (results.every((r) => r.status === 'failed')) {
        const reasons = results.map((r) => `${r.file}：${r.reason?.zh}`).join('；');
        return reply.status(422).send({ error: 'not_imported', message: `没有导入任何报告。${reasons}`, results });
      }
      return { results };
    },
  );

  app.post(
    '/reports/:id/current',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['reports'],
        summary: '将一个历史版本重新设为现行版本（原现行版本转入历史，不删除；记入审计日志）',
        params: IdParams,
        response: { 200: ReportDetail, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const report = await getReport(db, req.params.id);
      if (!report) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
      await makeCurrent(db, report.id, req.by);
      const updated = await getReport(db, report.id, audienceOf(req.user));
      if (!updated) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
      return updated;
    },
  );

  app.patch(
    '/reports/:id/figures',
    {
      preHandler: app.requireRole('editor'),
      schema: {
        tags: ['reports'],
        summary: '更正一个数字（必须说明理由；原解析值保留，更正记入审计日志）',
        params: IdParams,
        body: FigureCorrection,
        response: { 200: ReportDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const report = await getReport(db, req.params.id);
      if (!report) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
      const { field, value, reason, expected } = req.body;
      if (!report.isCurrent) {
        throw new HttpError(409, 'superseded', '这是已被替换的历史版本，不能更正；请在现行版本上更正，或先将本版本设为现行版本');
      }
      const target = figureTarget(field, report.template ?? '2021', report.proactive.categories.length);
      if (!target) throw new HttpError(400, 'bad_request', `该报告没有“${field}”这一项数字`);
      const label = fieldLabel(field, report.template ?? '2021', report.proactive.categories);
      await correctFigure(db, {
        reportId: report.id,
        field,
        label,
        target,
        value,
        reason: reason.trim(),
        by: req.by.actor,
        ip: req.ip,
        ...(expected !== undefined ? { expected } : {}),
      }).catch((e: unknown) => {
        if (!(e instanceof StaleFigureError)) throw e;
        const shown = (v: number | null) => (v === null ? '无法读取' : String(v));
        throw new HttpError(
          409,
          'stale',
          `“${label}”已被他人更正为 ${shown(e.current)}（你打开时为 ${shown(e.expected)}），没有保存；请核对现值后再更正`,
        );
      });
      const updated = await getReport(db, report.id, audienceOf(req.user));
      if (!updated) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
      return updated;
    },
  );
};

export default reports;
