import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../helpers/app';

// READ_REQUIRES_LOGIN=true: every data route answers 401 to a visitor however its path is written —
// percent-encoded (`/%61pi/…`, which the router decodes to `/api/…`), or in absolute form on the
// request line (`GET http://host/api/…`). The check used to read the raw URL (issue 14, item 1).

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await testApp({ READ_REQUIRES_LOGIN: 'true' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t.close());

/** Every data route of the API, by its GET URL (the list printed by app.printRoutes). */
const DATA = [
  '/api/status',
  '/api/years',
  '/api/counties',
  '/api/categories',
  '/api/organizations',
  '/api/rankings?year=2024',
  '/api/reports',
  '/api/reports/1',
  '/api/reports/1/source',
  '/api/trends?organization=1',
  '/api/quality?year=2024',
  '/api/export/rankings.xlsx?year=2024',
  '/api/export/reports.xlsx?year=2024',
  '/api/imports',
];

/** The same path as the router sees it, written other ways. */
function variants(url: string): string[] {
  const [path, q] = url.split('?');
  const query = q ? `?${q}` : '';
  const p = path as string;
  return [
    url,
    `/%61pi${p.slice(4)}${query}`,
    `/%61%70%69${p.slice(4)}${query}`,
    `/api/${encodeURIComponent(p.slice(5, 6))}${p.slice(6)}${query}`.replace(
      /\/([a-z])/,
      (_, c) => `/%${c.charCodeAt(0).toString(16)}`,
    ),
  ];
}

/** A raw HTTP/1.1 request with an absolute-form request line; resolves to the status code. */
function absoluteForm(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET http://127.0.0.1:${port}${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    let head = '';
    socket.on('data', (d) => {
      head += d.toString('latin1');
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('READ_REQUIRES_LOGIN=true', () => {
  it.each(DATA)('%s: 401 for a visitor in every spelling, answered for a viewer', async (url) => {
    for (const v of variants(url)) {
      const res = await t.app.inject({ method: 'GET', url: v });
      expect([v, res.statusCode]).toEqual([v, 401]);
    }
    expect(await absoluteForm(url)).toBe(401);
    const viewer = await t.login('admin');
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
    expect(res.statusCode).not.toBe(401);
  });

  it('the encoded spellings do reach the routes (so the 401s above are the login check, not a 404)', async () => {
    const viewer = await t.login('viewer');
    const res = await t.app.inject({ method: 'GET', url: '/%61pi/reports/1/source', headers: { cookie: viewer.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('政府信息公开');
  });

  it('leaves health and the API documentation open (and signing in: the login tests)', async () => {
    for (const url of ['/api/health', '/api/docs/json']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).not.toBe(401);
    }
  });
});
