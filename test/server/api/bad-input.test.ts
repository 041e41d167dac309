import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, type TestApp, testApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const SQL = encodeURIComponent("' OR 1=1; DROP TABLE reports; --");
const SCRIPT = encodeURIComponent('<script>alert(1)</script>');

const BAD_READS: [string, number][] = [
  ['/api/rankings', 400],
  ['/api/rankings?year=1800', 400],
  ['/api/rankings?year=abc', 400],
  ['/api/rankings?year=2030', 404],
  [`/api/rankings?year=2024&county=${SQL}`, 404],
  [`/api/rankings?year=2024&metric=${SQL}`, 400],
  ['/api/rankings?year=2024&extra=1', 400],
  [`/api/organizations?county=${SCRIPT}`, 404],
  ['/api/trends?organization=1;DROP', 400],
  ['/api/trends?from=2024&to=2020', 400],
  ['/api/categories?year=2019', 404],
  ['/api/quality?year=-1', 400],
  ['/api/reports/abc', 400],
  ['/api/reports/0', 400],
  ['/api/reports/99999', 404],
  ['/api/reports/1.5', 400],
  ['/api/reports/99999/source', 404],
  ['/api/reports/..%2F..%2Fetc%2Fpasswd/source', 400],
  ['/api/export/rankings.xlsx?year=2031', 404],
  ['/api/export/reports.xlsx', 400],
  ['/api/no/such/route', 404],
];

describe('bad input on every read route', () => {
  it.each(BAD_READS)('%s → %d with a clear Chinese message', async (url, status) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('leaves the database as it was', async () => {
    const n = (await t.app.inject({ method: 'GET', url: '/api/reports' })).json().reports.length;
    expect(n).toBe(5);
  });
});

describe('bad input on write routes', () => {
  it('a 200 MB upload is refused with 413, before its body is read (its length is over the request limit)', async () => {
    const m = multipart([{ name: 'huge.txt', content: Buffer.alloc(200 * 1024 * 1024, 0x41) }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: m.payload,
      headers: { ...m.headers, ...(await t.login('editor')) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('本次上传的文件合计超过 100 MB 上限（每个文件最多 50 MB），请分批上传');
  });

  it('a form with no file, or not multipart, is refused with a 4xx', async () => {
    const auth = await t.login('editor');
    const empty = multipart([], { county: '米易县' });
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: empty.payload,
      headers: { ...empty.headers, ...auth },
    });
    expect(a.statusCode).toBe(400);
    expect(a.json().message).toBe('没有收到文件');
    const b = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { files: 'x' }, headers: auth });
    expect(b.statusCode).toBe(415);
    expect(b.json().message).toMatch(/multipart/);
  });

  it('a malformed body or wrong type gets a 400, not a 500', async () => {
    const auth = await t.login('editor');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/1/figures',
      payload: '{"field":',
      headers: { ...auth, 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    const wrongType = await t.app.inject({
      method: 'PATCH',
      url: '/api/reports/1/figures',
      payload: { field: 1, value: 'x', reason: 5 },
      headers: auth,
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toMatch(/请求内容/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: 'name=admin',
      headers: { 'content-type': 'text/plain' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().message).toMatch(/请求内容/);
  });
});
