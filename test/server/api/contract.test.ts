import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCategories } from '../../../server/queries/categories/get-categories';
import { getQuality } from '../../../server/queries/quality/get-quality';
import { getRanking } from '../../../server/queries/rankings/get-ranking';
import { getReport } from '../../../server/queries/reports/get-report';
import { METRICS, metricByKey } from '../../../shared/metrics';
import { type TestApp, testApp } from '../../helpers/app';
import { CONTRACT_FIELDS } from '../../helpers/contract';
import { ROOT } from '../../helpers/samples';

// The API's contract is written once (shared/schemas). Each answer is checked against the OpenAPI
// document the server publishes from those schemas, and the serialised answer is compared with what
// the query returned, so that a field missing from a schema (which the serialiser would silently
// drop) fails here.

let t: TestApp;
let openapi: {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components?: { schemas?: Record<string, object> };
};
const ajv = new Ajv({ strict: false, allErrors: true });

beforeAll(async () => {
  t = await testApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  openapi = res.json();
  for (const [name, schema] of Object.entries(openapi.components?.schemas ?? {}))
    ajv.addSchema(schema, `#/components/schemas/${name}`);
});
afterAll(() => t.close());

/** The 200 schema the OpenAPI document gives for a route (its path as the document writes it). */
function schemaOf(method: string, path: string): object {
  const schema = openapi.paths[path]?.[method]?.responses['200']?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no 200 schema for ${method.toUpperCase()} ${path}`);
  return schema;
}

async function checked(method: 'get', path: string, url: string, who?: string) {
  const headers = who ? await t.login(who) : {};
  const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  const body = res.json();
  const validate = ajv.compile(schemaOf(method, path));
  expect(validate(body), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return body;
}

describe('every answer matches the schema the OpenAPI document publishes', () => {
  it('meta: health, status, years, counties, organisations', async () => {
    await checked('get', '/api/health', '/api/health');
    await checked('get', '/api/status', '/api/status');
    const years = await checked('get', '/api/years', '/api/years');
    expect(years.years.map((y: { year: number }) => y.year)).toEqual([2024, 2023]);
    await checked('get', '/api/counties', '/api/counties');
    await checked('get', '/api/organizations', '/api/organizations');
  });

  it('analytics: a ranking for every metric, trends, categories and quality', async () => {
    for (const m of METRICS) await checked('get', '/api/rankings', `/api/rankings?year=2024&metric=${m.key}`);
    await checked('get', '/api/trends', '/api/trends?organization=1,2');
    await checked('get', '/api/categories', '/api/categories?year=2024');
    await checked('get', '/api/quality', '/api/quality?year=2024');
  });

  it('reports: the list, each report in full (as a visitor and as an editor), imports and the admin lists', async () => {
    const list = await checked('get', '/api/reports', '/api/reports?history=true');
    expect(list.reports.length).toBe(5);
    for (const r of list.reports as { id: number }[]) {
      await checked('get', '/api/reports/{id}', `/api/reports/${r.id}`);
      await checked('get', '/api/reports/{id}', `/api/reports/${r.id}`, 'editor');
    }
    await checked('get', '/api/imports', '/api/imports', 'editor');
    await checked('get', '/api/me', '/api/me', 'viewer');
    await checked('get', '/api/admin/audit', '/api/admin/audit', 'admin');
    await checked('get', '/api/admin/users', '/api/admin/users', 'admin');
    await checked('get', '/api/admin/counties', '/api/admin/counties', 'admin');
  });

  it('search and the 单位 page', async () => {
    const found = await checked('get', '/api/search', `/api/search?q=${encodeURIComponent('政务新媒体')}`);
    expect(found.total).toBe(2);
    await checked('get', '/api/search', `/api/search?q=${encodeURIComponent('微信')}`);
    const units = await checked('get', '/api/organizations/details', '/api/organizations/details', 'editor');
    expect(units.organizations.length).toBe(5);
  });
});

describe('the serialiser sends everything the queries return', () => {
  it('a report: the JSON equals the query’s object, field for field', async () => {
    const list = await checked('get', '/api/reports', '/api/reports');
    for (const r of list.reports as { id: number }[]) {
      const sent = (await t.app.inject({ method: 'GET', url: `/api/reports/${r.id}`, headers: await t.login('editor') })).json();
      expect(sent).toEqual(JSON.parse(JSON.stringify(await getReport(t.db, r.id, 'editor'))));
    }
  });

  it('rankings, categories and quality: the rows equal the queries’ rows', async () => {
    for (const m of METRICS) {
      const sent = (await t.app.inject({ method: 'GET', url: `/api/rankings?year=2024&metric=${m.key}&limit=5000` })).json();
      const { rows } = await getRanking(t.db, { year: 2024, metric: metricByKey(m.key) as (typeof METRICS)[number] });
      expect(sent.rows, m.key).toEqual(JSON.parse(JSON.stringify(rows)));
    }
    const categories = (await t.app.inject({ method: 'GET', url: '/api/categories?year=2024' })).json();
    expect(categories.rows).toEqual(JSON.parse(JSON.stringify((await getCategories(t.db, { year: 2024 })).rows)));
    const quality = (await t.app.inject({ method: 'GET', url: '/api/quality?year=2024' })).json();
    expect(quality).toEqual(JSON.parse(JSON.stringify(await getQuality(t.db, { year: 2024 }))));
  });

  it('a report: the contract fields of docs/report-json.md, and figures written by hand from the sample', async () => {
    const list = await checked('get', '/api/reports', '/api/reports?year=2024');
    const caochang = (list.reports as { id: number; organization: { name: string } }[]).find(
      (r) => r.organization.name === '草场镇',
    );
    const sent = (await t.app.inject({ method: 'GET', url: `/api/reports/${caochang?.id}` })).json();
    expect(Object.keys(sent)).toEqual(expect.arrayContaining(CONTRACT_FIELDS));
    expect([sent.org.name, sent.year, sent.proactive.total]).toEqual(['草场镇', 2024, 24]);
  });
});

describe('each contract is written once', () => {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name))
      .map((e) => join(e.parentPath, e.name));

  it('route files declare no schema of their own: they import them from shared/schemas', () => {
    const declaring = files('server/routes').filter((f) => /\bType\.(Object|Array|Union|Record)\(/.test(readFileSync(f, 'utf8')));
    expect(declaring).toEqual([]);
  });

  it('pages name no response type: they use the composables, typed from the schemas', () => {
    const offenders = files('web/src/pages').filter((f) => /\b(api|request)</.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
