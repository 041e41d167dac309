import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, FigureBox, FigureBoxQuery, IdParams, PageParams, SourceFile } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { renderPdfPage } from '../../ingest/formats/engine';
import { FormatError } from '../../ingest/formats/errors';
import { HttpError } from '../../plugins/errors';
import { DOWNLOADS } from '../../plugins/rate-limits';
import { getSource } from '../../queries/reports/get-source';
import { figureBox } from '../../queries/reports/original';

/** Resolution the report page shows an original's page at: the figures' digits legible when zoomed. */
const PAGE_DPI = 110;
/** Pages rendered lately, by report and page: a clerk clicking figure after figure on one page renders it once. */
const rendered = new Map<string, Uint8Array>();
const KEEP = 24;

/** The original beside each figure: where a figure stands on a PDF's page, and that page as a picture. */
const original: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/reports/:id/original',
    {
      schema: {
        tags: ['reports'],
        summary: '数字在原件（PDF）中的位置：第几页、所在的框；非 PDF 原件或该数字不是从原文读出时为 404',
        params: IdParams,
        querystring: FigureBoxQuery,
        response: { 200: FigureBox, ...errors(400, 404) },
      },
    },
    async (req) => {
      const box = await figureBox(db, req.params.id, req.query.field);
      if (!box) throw new HttpError(404, 'not_found', '该数字在原件中没有可标出的位置（原件不是 PDF，或该数字不是从原文读出）');
      return box;
    },
  );

  app.get(
    '/reports/:id/pages/:page',
    {
      config: { rateLimit: DOWNLOADS },
      schema: {
        tags: ['reports'],
        summary: '原件（PDF）某一页的图像（PNG，灰度），页码从 0 起',
        params: PageParams,
        response: { 200: SourceFile, ...errors(400, 404, 422) },
      },
    },
    async (req, reply) => {
      const key = `${req.params.id}:${req.params.page}`;
      let png = rendered.get(key);
      if (!png) {
        const source = await getSource(db, req.params.id);
        if (!source) throw new HttpError(404, 'not_found', `报告 ${req.params.id} 不存在`);
        if (source.mediaType !== 'application/pdf') throw new HttpError(404, 'not_found', '原件不是 PDF，没有页面图像');
        try {
          png = (await renderPdfPage(source.bytes, req.params.page, PAGE_DPI)).image;
        } catch (e) {
          if (e instanceof FormatError) throw new HttpError(422, 'unreadable', e.zh);
          throw e;
        }
        if (!png) throw new HttpError(422, 'unreadable', '原件页面无法生成图像');
        rendered.set(key, png);
        if (rendered.size > KEEP) rendered.delete(rendered.keys().next().value as string);
      }
      return reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=3600').send(Buffer.from(png));
    },
  );
};

export default original;
