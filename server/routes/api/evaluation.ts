import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bulletinModel } from '../../../shared/evaluation/bulletin';
import { DEFAULT_RUBRIC, rubricProblem } from '../../../shared/evaluation/rubric';
import {
  Bulletin,
  BulletinQuery,
  CompareQuery,
  Comparison,
  Copies,
  DeadlineAnswer,
  DeadlineChange,
  Evaluation,
  EvaluationQuery,
  errors,
  NoContent,
  PngImage,
  Roster,
  RosterAdd,
  RosterChanged,
  RosterCopied,
  RosterCopy,
  RosterQuery,
  RosterRemove,
  RubricAnswer,
  RubricChange,
  Spreadsheet,
  WordDocument,
  YearQuery,
} from '../../../shared/schemas/index';
import { appendAudit, audit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { writeTransaction } from '../../db/write';
import { cleanFileName } from '../../ingest/file-names';
import { engineRead } from '../../ingest/formats/engine';
import { FormatError } from '../../ingest/formats/errors';
import { HttpError } from '../../plugins/errors';
import { DOWNLOADS } from '../../plugins/rate-limits';
import { compareReports, evaluate, getCopies } from '../../queries/evaluation/evaluate';
import { addToRoster, copyRoster, getRoster, removeFromRoster } from '../../queries/evaluation/roster';
import { getDeadline, getRubric, setDeadline, setRubric } from '../../queries/evaluation/settings';
import { countyListed } from '../../queries/meta/known';

/** exceljs, docx and the chart renderer load at the first export, not at every start of the server. */
const workbooks = () => import('../../export/workbooks');
const bulletinFiles = async () => ({
  ...(await import('../../export/bulletin-docx')),
  ...(await import('../../export/chart-image')),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string, ext: string) =>
  `attachment; filename="export.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
/** A roster file is a list of names: a few kilobytes; this is generous. */
const MAX_ROSTER_BYTES = 2 * 1024 * 1024;

/** The ranking chart's own title (the 通报's caption under it is the model's). */
const chartTitle = (e: { county: string; year: number }) => `${e.county}${e.year}年度年报考核得分排名`;

async function assertCounty(db: Db, county: string): Promise<void> {
  if (!(await countyListed(db, county))) throw new HttpError(404, 'unknown_county', `县名单中没有“${county}”`);
}

/** The unit names of a roster workbook, read in the document engine (never on the server's thread). */
async function namesInWorkbook(bytes: Buffer): Promise<string[]> {
  try {
    return (await engineRead('roster', bytes)).names ?? [];
  } catch (e) {
    if (e instanceof FormatError) throw new HttpError(400, 'bad_format', e.zh);
    throw e;
  }
}

/**
 * The annual evaluation (考核): roster, deadline, rubric, the score table and its Excel, copied
 * prose, and the 通报. Reading needs a signed-in user (the scores name units before they are
 * published); the roster, deadline and rubric are an admin's to change, each change audited.
 */
const evaluation: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  /**
   * An admin's change: `run` and its line in the audit log as one transaction (no line when
   * `detail` gives null: nothing changed), then the cached answers are told the data changed.
   */
  async function change<T>(
    req: { by: { actor: string; ip: string } },
    action: 'roster.changed' | 'evaluation.deadline' | 'evaluation.rubric',
    target: string,
    run: (tx: Db, actor: string, now: string) => Promise<T>,
    detail: (result: T) => Record<string, unknown> | null,
  ): Promise<T> {
    const now = new Date().toISOString();
    const result = await writeTransaction(db, async (tx) => {
      const r = await run(tx, req.by.actor, now);
      const d = detail(r);
      if (d) await appendAudit(tx, { ...req.by, action, target, detail: d }, now);
      return r;
    });
    return result;
  }

  app.get(
    '/evaluation',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '考核得分表：应报单位逐项扣分（附依据）、得分与排名',
        querystring: EvaluationQuery,
        response: { 200: Evaluation, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await assertCounty(db, req.query.county);
      return await evaluate(db, req.query.county, req.query.year);
    },
  );

  app.get(
    '/evaluation/roster',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '应报单位名单（某县某年度）',
        querystring: RosterQuery,
        response: { 200: Roster, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await assertCounty(db, req.query.county);
      return await getRoster(db, req.query.county, req.query.year);
    },
  );

  app.post(
    '/evaluation/roster',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['evaluation'],
        summary: '把单位加入应报单位名单（按名称；未见过的单位随之建立）；记入审计日志',
        body: RosterAdd,
        response: { 200: RosterChanged, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { county, year, names } = req.body;
      await assertCounty(db, county);
      return change(
        req,
        'roster.changed',
        `${county}${year}`,
        (tx, actor, now) => addToRoster(tx, county, year, names, actor, now),
        (r) => ({ added: r.added }),
      );
    },
  );

  app.post(
    '/evaluation/roster/import',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['evaluation'],
        summary: '从 Excel（.xlsx）导入应报单位名单：第一张工作表“单位名称”一列（或第一列）',
        querystring: RosterQuery,
        response: { 200: RosterChanged, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (req) => {
      const { county, year } = req.query;
      await assertCounty(db, county);
      if (!req.isMultipart()) throw new HttpError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
      const part = await req.file({ limits: { fileSize: MAX_ROSTER_BYTES, files: 1 } });
      if (!part) throw new HttpError(400, 'bad_request', '没有收到文件');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new HttpError(413, 'too_large', `名单文件超过 ${MAX_ROSTER_BYTES / 1024 / 1024} MB 上限`);
      const names = await namesInWorkbook(bytes);
      return change(
        req,
        'roster.changed',
        `${county}${year}`,
        (tx, actor, now) => addToRoster(tx, county, year, names, actor, now),
        (r) => ({ file: cleanFileName(part.filename), added: r.added, refused: r.refused.length }),
      );
    },
  );

  app.post(
    '/evaluation/roster/copy',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['evaluation'],
        summary: '把另一年度的应报单位名单复制到本年度',
        body: RosterCopy,
        response: { 200: RosterCopied, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { county, year, from } = req.body;
      await assertCounty(db, county);
      const added = await change(
        req,
        'roster.changed',
        `${county}${year}`,
        (tx, actor, now) => copyRoster(tx, county, year, from, actor, now),
        (n) => ({ copiedFrom: from, added: n }),
      );
      return { added };
    },
  );

  app.post(
    '/evaluation/roster/remove',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['evaluation'],
        summary: '把单位移出应报单位名单（单位及其报告不删除）',
        body: RosterRemove,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { county, year, organizationId } = req.body;
      const removed = await change(
        req,
        'roster.changed',
        `${county}${year}`,
        (tx) => removeFromRoster(tx, county, year, organizationId),
        (ok) => (ok ? { removed: organizationId } : null),
      );
      if (!removed) throw new HttpError(404, 'not_found', '该单位不在这一年度的名单中');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/evaluation/deadline',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '某年度报告的发布截止日期（默认次年 1 月 31 日）',
        querystring: YearQuery,
        response: { 200: DeadlineAnswer, ...errors(400, 401, 403) },
      },
    },
    (req) => getDeadline(db, req.query.year),
  );

  app.put(
    '/evaluation/deadline',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['evaluation'],
        summary: '设置某年度报告的发布截止日期（null 恢复默认）；记入审计日志',
        body: DeadlineChange,
        response: { 200: DeadlineAnswer, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const { year, deadline } = req.body;
      if (deadline !== null) {
        const d = new Date(`${deadline}T00:00:00Z`);
        if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== deadline) {
          throw new HttpError(400, 'bad_request', `“${deadline}”不是有效日期`);
        }
        if (deadline <= `${year}-12-31`) throw new HttpError(400, 'bad_request', `${year} 年度报告的截止日期应在 ${year + 1} 年`);
      }
      await change(
        req,
        'evaluation.deadline',
        String(year),
        (tx, actor, now) => setDeadline(tx, year, deadline, actor, now),
        () => ({ deadline }),
      );
      return await getDeadline(db, year);
    },
  );

  app.get(
    '/evaluation/rubric',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '某年度的考核细则（扣分项目、分值、阈值）',
        querystring: YearQuery,
        response: { 200: RubricAnswer, ...errors(400, 401, 403) },
      },
    },
    (req) => getRubric(db, req.query.year),
  );

  app.put(
    '/evaluation/rubric',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['evaluation'],
        summary: '保存某年度的考核细则（null 恢复默认细则）；记入审计日志',
        body: RubricChange,
        response: { 200: RubricAnswer, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const { year, rubric } = req.body;
      if (rubric) {
        const problem = rubricProblem(rubric);
        if (problem) throw new HttpError(400, 'bad_request', problem);
      }
      await change(
        req,
        'evaluation.rubric',
        String(year),
        (tx, actor, now) => setRubric(tx, year, rubric, actor, now),
        () => ({ rubric }),
      );
      return await getRubric(db, year);
    },
  );

  app.get(
    '/evaluation/copies',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '正文雷同：本年度报告与本单位上年报告、与本县其他单位同年报告的相似度（达到考核细则阈值的）',
        querystring: EvaluationQuery,
        response: { 200: Copies, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await assertCounty(db, req.query.county);
      const item = (await getRubric(db, req.query.year)).rubric.items.find((i) => i.rule === 'copied');
      const threshold = item?.threshold ?? DEFAULT_RUBRIC.items.find((i) => i.rule === 'copied')?.threshold ?? 0.8;
      return { threshold, pairs: await getCopies(db, req.query.county, req.query.year, threshold) };
    },
  );

  app.get(
    '/evaluation/compare',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '两份报告正文对照，标出彼此相同的段落',
        querystring: CompareQuery,
        response: { 200: Comparison, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const c = await compareReports(db, req.query.a, req.query.b);
      if (!c) throw new HttpError(404, 'not_found', '报告不存在');
      return c;
    },
  );

  app.get(
    '/evaluation/bulletin',
    {
      preHandler: app.requireRole('viewer'),
      schema: {
        tags: ['evaluation'],
        summary: '通报预览：通报的文字与附表',
        querystring: BulletinQuery,
        response: { 200: Bulletin, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await assertCounty(db, req.query.county);
      return bulletinModel(await evaluate(db, req.query.county, req.query.year), req.query);
    },
  );

  app.get(
    '/evaluation/bulletin/chart.png',
    {
      preHandler: app.requireRole('viewer'),
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['evaluation'],
        summary: '通报中的得分排名图（PNG）',
        querystring: EvaluationQuery,
        response: { 200: PngImage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await assertCounty(db, req.query.county);
      const e = await evaluate(db, req.query.county, req.query.year);
      const { rankingChartPng } = await bulletinFiles();
      const png = rankingChartPng(e.rows, chartTitle(e));
      return reply.header('content-type', 'image/png').header('cache-control', 'no-store').send(png);
    },
  );

  app.get(
    '/evaluation/bulletin.docx',
    {
      preHandler: app.requireRole('viewer'),
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['evaluation'],
        summary: '下载通报（Word .docx，可编辑）：总体情况、排名图、存在的问题、工作要求、附表',
        querystring: BulletinQuery,
        response: { 200: WordDocument, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await assertCounty(db, req.query.county);
      const e = await evaluate(db, req.query.county, req.query.year);
      const model = bulletinModel(e, req.query);
      const { bulletinDocx, rankingChartPng } = await bulletinFiles();
      let chart: Buffer | null = null;
      try {
        chart = rankingChartPng(e.rows, chartTitle(e));
      } catch (err) {
        req.log.warn({ err }, 'the ranking chart could not be drawn; the bulletin is written without it');
      }
      const body = await bulletinDocx(model, chart);
      const name = `${e.county}${e.year}年度政府信息公开工作年度报告通报.docx`;
      await audit(db, { actor: req.actor, ip: req.ip, action: 'export', target: name, detail: { ...req.query } });
      return reply.header('content-type', DOCX).header('content-disposition', attachment(name, 'docx')).send(body);
    },
  );

  app.get(
    '/export/evaluation.xlsx',
    {
      preHandler: app.requireRole('viewer'),
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['export'],
        summary: '导出考核得分表（Excel）：得分与排名，另一工作表为逐项扣分依据',
        querystring: EvaluationQuery,
        response: { 200: Spreadsheet, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await assertCounty(db, req.query.county);
      const e = await evaluate(db, req.query.county, req.query.year);
      const { evaluationWorkbook } = await workbooks();
      const body = await evaluationWorkbook(e);
      const name = `${e.county}${e.year}年度年报考核得分表.xlsx`;
      await audit(db, { actor: req.actor, ip: req.ip, action: 'export', target: name, detail: { ...req.query } });
      return reply.header('content-type', XLSX).header('content-disposition', attachment(name, 'xlsx')).send(body);
    },
  );
};

export default evaluation;
