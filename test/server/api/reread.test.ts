import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_VERSION } from '../../../shared/report/index';
import { type TestApp, testApp } from '../../helpers/app';
import { sqlAll, sqlGet, sqlRun } from '../../helpers/db';

// Issue 28: re-reading stored originals when the reader improves. The samples are imported by
// today's reader; 草场镇 2024 is then made what an older reader left (built here with its version
// string): it read the total as 7 (the original says 24) and 表三's first row total as 3 (the original
// says 0). An editor corrected the total to 25 and 工作动态 from 20 to 21. By hand, re-reading with
// today's reader changes exactly those two figures; the 工作动态 correction stands on a figure that
// reads the same (20) and is kept; the total's was made on a 7 that now reads 24 and is flagged.
const OLD = '2026.11.01';

let t: TestApp;
let caochang: number;
beforeAll(async () => {
  t = await testApp();
  const row = await sqlGet<{ id: number }>(
    t.db,
    "select r.id from reports r join organizations o on o.id = r.organization_id where o.name = '草场镇' and r.year = 2024 and r.is_current = 1",
  );
  caochang = row?.id as number;
  await sqlRun(t.db, 'update reports set reader_version = ?, proactive_total = 7 where id = ?', OLD, caochang);
  await sqlRun(
    t.db,
    "update table_figures set value = 3 where report_id = ? and row_key = 'newReceived' and column_key = 'total'",
    caochang,
  );
  for (const [field, value] of [
    ['proactive.total', 25],
    ['proactive.categories[0]', 21],
  ] as const) {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${caochang}/figures`,
      payload: { field, value, reason: '与原件核对' },
      headers: await t.login('editor'),
    });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(() => t.close());

const post = async (url: string, payload: object, who = 'admin') =>
  t.app.inject({ method: 'POST', url, payload, headers: await t.login(who) });

describe('re-reading stored originals with today’s reader', () => {
  it('is for admins only', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/reread/preview', payload: {} })).statusCode).toBe(401);
    expect((await post('/api/admin/reread/preview', {}, 'editor')).statusCode).toBe(403);
    expect((await post('/api/admin/reread/apply', { reportIds: [caochang] }, 'editor')).statusCode).toBe(403);
  });

  it('previews exactly the figures that would change, and writes nothing', async () => {
    const res = await post('/api/admin/reread/preview', { county: '米易县', year: 2024 });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.reader).toBe(READER_VERSION);
    expect(preview.checked).toBeGreaterThan(1);
    expect(preview.reports).toHaveLength(1);
    const [entry] = preview.reports;
    expect([entry.reportId, entry.organization.name, entry.year, entry.readerVersion]).toEqual([caochang, '草场镇', 2024, OLD]);
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'proactive.total', label: '主动公开政府信息总数', from: 7, to: 24 },
        {
          field: 'applications.newReceived[6]',
          label: '表三 一、本年新收政府信息公开申请数量·总计',
          from: 3,
          to: 0,
        },
      ]),
    );
    expect(entry.changes).toHaveLength(2);
    expect([entry.unit, entry.findingsAdded, entry.findingsRemoved]).toEqual([null, [], []]);
    const still = await sqlGet<{ total: number; current: number }>(
      t.db,
      'select proactive_total as total, is_current as current from reports where id = ?',
      caochang,
    );
    expect([still?.total, Boolean(still?.current)]).toEqual([7, true]);
  });

  it('applied: a new version of the same original, corrections kept or flagged, rankings updated, one audit line', async () => {
    const res = await post('/api/admin/reread/apply', { reportIds: [caochang] });
    expect(res.statusCode).toBe(200);
    const { applied, skipped } = res.json();
    expect(skipped).toEqual([]);
    expect(applied).toHaveLength(1);
    const fresh = applied[0].to as number;
    const report = (await t.app.inject({ method: 'GET', url: `/api/reports/${fresh}` })).json();
    expect(report.isCurrent).toBe(true);
    // the total's correction was made on a figure that now reads otherwise: not carried, flagged
    expect(report.proactive.total).toBe(24);
    expect(
      report.findings.filter((f: { code: string }) => f.code === 'correction.review').map((f: { field: string }) => f.field),
    ).toEqual(['proactive.total']);
    // 工作动态 reads 20 as before: its correction to 21 is kept
    expect(report.proactive.categories[0]).toMatchObject({ label: '工作动态', count: 21 });
    expect(report.applications.newReceived[6]).toBe(0);
    const same = await sqlAll<{ doc: number; version: string | null }>(
      t.db,
      'select source_document_id as doc, reader_version as version from reports where id in (?, ?) order by id',
      caochang,
      fresh,
    );
    expect(same[0]?.doc).toBe(same[1]?.doc);
    expect(same.map((r) => r.version)).toEqual([OLD, READER_VERSION]);
    const ranking = (await t.app.inject({ method: 'GET', url: '/api/rankings?year=2024' })).json();
    expect(ranking.rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇').value).toBe(24);
    const audit = await sqlAll<{ target: string; detail: string }>(
      t.db,
      "select target, detail from audit_log where action = 'report.reread'",
    );
    expect(audit.map((a) => [a.target, JSON.parse(a.detail).newReportId, JSON.parse(a.detail).readerFrom])).toEqual([
      [`report ${caochang}`, fresh, OLD],
    ]);
  });

  it('nothing is left to change, and the old version cannot be re-read over its successor', async () => {
    const preview = (await post('/api/admin/reread/preview', { county: '米易县', year: 2024 })).json();
    expect(preview.reports).toEqual([]);
    const again = (await post('/api/admin/reread/apply', { reportIds: [caochang] })).json();
    expect(again).toEqual({ applied: [], skipped: [{ reportId: caochang, reason: '不是现行版本（已被替换或不存在）' }] });
  });
});
