import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, SearchQuery, SearchResults } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { EXPENSIVE } from '../../plugins/rate-limits';
import { searchReports } from '../../queries/search/search-reports';
import { assertCountyKnown } from './guards';
import { sendCached } from './serialized';

/** Full-text search across the current reports (e.g. which towns mention 政务新媒体). */
const search: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/search',
    {
      config: { rateLimit: EXPENSIVE },
      schema: {
        tags: ['search'],
        summary: '在现行报告全文中查找词语（如 政务新媒体），列出含有它的报告、次数和所在行',
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await assertCountyKnown(db, req.query.county);
      return sendCached(reply, await searchReports(db, req.query));
    },
  );
};

export default search;
