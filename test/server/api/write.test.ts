import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../server/db/client';
import { importDocument } from '../../../server/ingest/import-report';
import { multipart, PASSWORD, type TestApp, testApp } from '../../helpers/app';
import { sqlGet } from '../../helpers/db';
import { sampleText } from '../../helpers/samples';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const count = async (table: string) => ((await sqlGet(t.db, `select count(*) as n from ${table}`)) as { n: number }).n;
const corrected = sampleText('caochang').replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 26 条');
const upload = () => multipart([{ name: '草场镇2024年报（更正版）.txt', content: corrected }]);
const patch = { field: 'applications.newReceived[0]', value: 3, reason: '原件表格漏填，已电话核实' };

const WRITES = [
  { name: 'upload', method: 'POST' as const, url: '/api/reports', body: upload },
  { name: 'correction', method: 'PATCH' as const, url: '/api/reports/2/figures', body: () => ({ payload: patch, headers: {} }) },
  {
    name: 'make a version current',
    method: 'POST' as const,
    url: '/api/reports/2/current',
    body: () => ({ payload: undefined, headers: {} }),
  },
];

describe.each(WRITES)('write route: $name', ({ method, url, body }) => {
  it('returns 401 without a session', async () => {
    const { payload, headers } = body();
    const res = await t.app.inject({ method, url, payload, headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('请先登录');
  });

  it('returns 403 for a viewer', async () => {
    const { payload, headers } = body();
    const res = await t.app.inject({ method, url, payload, headers: { ...headers, ...(await t.login('viewer')) } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('没有执行此操作的权限');
  });

  it('refuses an editor without the CSRF token, and with a wrong one', async () => {
    const { payload, headers } = body();
    const { cookie } = await t.login('editor');
    for (const token of [undefined, 'forged']) {
      const res = await t.app.inject({
        method,
        url,
        payload,
        headers: { ...headers, cookie, ...(token ? { 'x-csrf-token': token } : {}) },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('csrf');
    }
  });

  it('works for an editor', async () => {
    const { payload, headers } = body();
    const res = await t.app.inject({ method, url, payload, headers: { ...headers, ...(await t.login('editor')) } });
    expect(res.statusCode).toBe(200);
  });
});

describe('uploads', () => {
  it('replace the current report and appear in the ranking at once', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', ...withAuth(upload(), await t.login('editor')) });
    expect(res.json().results).toEqual([
      expect.objectContaining({
        file: '草场镇2024年报（更正版）.txt',
        status: 'replaced',
        organization: expect.objectContaining({ name: '草场镇' }),
        year: 2024,
      }),
    ]);
    const rows = (await t.app.inject({ method: 'GET', url: '/api/rankings?year=2024' })).json().rows;
    expect(rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇').value).toBe(26);
    const id = res.json().results[0].reportId;
    const source = await t.app.inject({ method: 'GET', url: `/api/reports/${id}/source` });
    expect(source.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('草场镇2024年报（更正版）.txt')}`,
    );
    expect(source.body).toBe(corrected);
  });

  it('answers a non-report file with 422, the reason in Chinese, and changes nothing', async () => {
    const before = await count('reports');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      ...withAuth(
        multipart([{ name: 'photo.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }]),
        await t.login('editor'),
      ),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('图片');
    expect(await count('reports')).toBe(before);
    expect(await count('source_documents')).toBe(before);
  });

  it('strips a path from the uploaded file name', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      ...withAuth(multipart([{ name: '../../etc/passwd', content: corrected }]), await t.login('editor')),
    });
    expect(res.json().results[0].file).toBe('passwd');
  });
});

describe('corrections', () => {
  it('keep the parsed value, apply the new one, and log who, when, old, new and why', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/2/figures',
      payload: patch,
      headers: await t.login('editor'),
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.applications.newReceived[0]).toBe(3);
    expect(report.parsedValues).toEqual({ 'applications.newReceived[0]': 0 });
    expect(report.corrections).toEqual([
      expect.objectContaining({
        field: 'applications.newReceived[0]',
        oldValue: 0,
        newValue: 3,
        reason: patch.reason,
        correctedBy: 'editor',
      }),
    ]);
    expect(Date.parse(report.corrections[0].correctedAt)).toBeGreaterThan(Date.now() - 60_000);
    const parsed = await sqlGet(
      t.db,
      "select value from table_figures where report_id = 2 and row_key = 'newReceived' and column_key = 'naturalPerson'",
    );
    expect(parsed).toEqual({ value: 0 });
  });

  it('correct the proactive total, which the ranking then uses', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/2/figures',
      payload: { field: 'proactive.total', value: 30, reason: '网站统计口径更正' },
      headers: await t.login('editor'),
    });
    expect(res.json().proactive.total).toBe(30);
    expect(res.json().parsedValues).toEqual({ 'proactive.total': 24 });
    const rows = (await t.app.inject({ method: 'GET', url: '/api/rankings?year=2024' })).json().rows;
    expect(rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇').value).toBe(30);
    // stored like a table cell: the parsed value kept, the corrected one beside it
    expect(
      await sqlGet(t.db, 'select proactive_total as parsed, proactive_total_corrected as corrected from reports where id = 2'),
    ).toEqual({ parsed: 24, corrected: 30 });
    // a second correction starts from the corrected value and still keeps the parsed one
    const again = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/2/figures',
      payload: { field: 'proactive.total', value: 31, reason: '再次核对' },
      headers: await t.login('editor'),
    });
    expect(again.json().parsedValues).toEqual({ 'proactive.total': 24 });
    expect(again.json().corrections.map((c: { oldValue: number; newValue: number }) => [c.oldValue, c.newValue])).toEqual([
      [24, 30],
      [30, 31],
    ]);
  });

  it('require a reason and a field the report has', async () => {
    const auth = await t.login('editor');
    const noReason = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/2/figures',
      payload: { field: patch.field, value: 1, reason: '' },
      headers: auth,
    });
    expect(noReason.statusCode).toBe(400);
    const badField = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/2/figures',
      payload: { ...patch, field: 'article20.procurement.projects' },
      headers: auth,
    });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().message).toContain('article20.procurement.projects');
    expect(await count('corrections')).toBe(0);
  });
});

describe('accounts', () => {
  it('signs in, tells who is signed in, and signs out', async () => {
    const auth = await t.login('editor');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: auth.cookie } });
    expect(me.json()).toEqual({ user: { name: 'editor', role: 'editor' }, csrfToken: auth['x-csrf-token'] });
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: auth.cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: auth.cookie } })).statusCode).toBe(401);
  });

  it('sets an HttpOnly, SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { name: 'viewer', password: PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('never keeps a session id it was handed (no fixation)', async () => {
    const first = await t.login('viewer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'editor', password: PASSWORD },
      headers: { cookie: first.cookie },
    });
    const second = res.cookies.find((c) => c.name === 'sid')?.value;
    expect(`sid=${second}`).not.toBe(first.cookie);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
  });

  it('rate-limits a wrong password after 5 tries, even with the right one', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await t.app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password: 'wrong password' } }))
          .statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const sixth = await t.app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password: PASSWORD } });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().message).toContain('密码错误次数过多');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('closes reading to visitors when READ_REQUIRES_LOGIN=true', async () => {
    const closed = await testApp({ READ_REQUIRES_LOGIN: 'true' });
    try {
      expect((await closed.app.inject({ method: 'GET', url: '/api/rankings?year=2024' })).statusCode).toBe(401);
      expect((await closed.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const auth = await closed.login('viewer');
      expect(
        (await closed.app.inject({ method: 'GET', url: '/api/rankings?year=2024', headers: { cookie: auth.cookie } })).statusCode,
      ).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

function withAuth(m: ReturnType<typeof multipart>, auth: Record<string, string>) {
  return { payload: m.payload, headers: { ...m.headers, ...auth } };
}

describe('cached answers follow the data', () => {
  const value = async (name: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/rankings?year=2024' }))
      .json()
      .rows.find((r: { organization: { name: string } }) => r.organization.name === name).value;

  it('after an upload and after a correction through the API', async () => {
    expect(await value('草场镇')).toBe(24);
    const auth = await t.login('editor');
    await t.app.inject({ method: 'POST', url: '/api/reports', ...withAuth(upload(), auth) });
    expect(await value('草场镇')).toBe(26);
    const id = (await t.app.inject({ method: 'GET', url: '/api/reports?year=2024' }))
      .json()
      .reports.find((r: { organization: { name: string } }) => r.organization.name === '草场镇').id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${id}/figures`,
      payload: { field: 'proactive.total', value: 27, reason: '核对原件' },
      headers: auth,
    });
    expect(await value('草场镇')).toBe(27);
  });

  it('after an import by another process on the same database file', async () => {
    expect(await value('丙谷镇')).toBe(50);
    const other = await openDatabase(t.url);
    const text = sampleText('binggu').replace('主动公开信息 50条', '主动公开信息 52条');
    await importDocument(other, { bytes: Buffer.from(text), fileName: 'cli.txt', importedBy: 'cli' });
    await closeDatabase(other);
    expect(await value('丙谷镇')).toBe(52);
  });
});
