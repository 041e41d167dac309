import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { metricByKey } from '../../../shared/metrics';
import { errors, YearScope as QualityExportQuery, RankingQuery, Spreadsheet } from '../../../shared/schemas/index';
import { audit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { DOWNLOADS } from '../../plugins/rate-limits';
import { getRanking } from '../../queries/rankings/get-ranking';
import { assertCountyKnown, assertYearKnown } from './guards';

/** exceljs and its ~400 modules load at the first export, not at every start of the server. */
const workbooks = () => import('../../export/workbooks');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

const exportRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/export/rankings.xlsx',
    {
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['export'],
        summary: '导出排名（Excel）',
        querystring: RankingQuery,
        response: { 200: Spreadsheet, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const metric = metricByKey(req.query.metric ?? 'proactive');
      if (!metric) throw new HttpError(400, 'bad_request', `未知的指标：${req.query.metric}`);
      await assertCountyKnown(db, req.query.county);
      await assertYearKnown(db, req.query.year);
      const { rows } = await getRanking(db, { year: req.query.year, county: req.query.county, metric, group: req.query.group });
      const { rankingWorkbook } = await workbooks();
      const body = await rankingWorkbook(db, rows, { year: req.query.year, county: req.query.county, metric });
      const name = `${req.query.county ?? '全部'}${req.query.year}年${metric.label}排名.xlsx`;
      await audit(db, { actor: req.actor, ip: req.ip, action: 'export', target: name, detail: { ...req.query } });
      return reply.header('content-type', XLSX).header('content-disposition', attachment(name)).send(body);
    },
  );

  app.get(
    '/export/reports.xlsx',
    {
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['export'],
        summary: '导出某年度各报告的全部表格数字（每张表一个工作表，每份报告一行）',
        querystring: QualityExportQuery,
        response: { 200: Spreadsheet, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await assertCountyKnown(db, req.query.county);
      await assertYearKnown(db, req.query.year);
      const { reportsWorkbook } = await workbooks();
      const body = await reportsWorkbook(db, req.query);
      const name = `${req.query.county ?? '全部'}${req.query.year}年政府信息公开年报数据.xlsx`;
      await audit(db, { actor: req.actor, ip: req.ip, action: 'export', target: name, detail: { ...req.query } });
      return reply.header('content-type', XLSX).header('content-disposition', attachment(name)).send(body);
    },
  );
};

export default exportRoutes;
