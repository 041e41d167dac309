import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, type TestApp, testApp } from '../../helpers/app';
import { rowCounts } from '../../helpers/db';

// Malformed requests across every route: random query strings, wrong types, huge headers, bad
// multipart, wrong content types, path traversal names, SQL and script injections. CI runs
// HTTP_FUZZ_RUNS (default 2,000); the full-size run is 10,000.

const RUNS = Number(process.env.HTTP_FUZZ_RUNS ?? 2000);

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  auth = await t.login('editor');
});
afterAll(() => t.close());

const NASTY = [
  "' OR 1=1 --",
  '"; DROP TABLE reports; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%',
  '%E0%A4%A',
  '\u0000',
  '1e309',
  '-1',
  '99999999999999999999',
  'NaN',
  '[]',
  '{}',
  '米易县',
  ' ',
  '',
  'a'.repeat(5000),
];
const PATHS = [
  '/api/health',
  '/api/years',
  '/api/counties',
  '/api/organizations',
  '/api/rankings',
  '/api/trends',
  '/api/categories',
  '/api/reports',
  '/api/reports/1',
  '/api/reports/1/source',
  '/api/reports/1/figures',
  '/api/quality',
  '/api/export/rankings.xlsx',
  '/api/export/reports.xlsx',
  '/api/session',
  '/api/me',
  '/api/reports/{x}',
  '/api/reports/{x}/source',
  '/api/{x}',
];
const PARAMS = ['year', 'county', 'metric', 'organization', 'from', 'to', 'history', 'id', '__proto__', 'constructor'];

const value = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.integer().map(String));
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'),
  path: fc.constantFrom(...PATHS),
  x: value,
  query: fc.array(fc.tuple(fc.constantFrom(...PARAMS), value), { maxLength: 5 }),
  body: fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    fc.constant('{"field":'),
    fc.constant('--boundary\r\nContent-Disposition: form-data; name="files"; filename="../../x"\r\n\r\nabc'),
  ),
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=boundary',
    'multipart/form-data',
    'application/xml',
    'x/y',
  ),
  signedIn: fc.boolean(),
  hugeHeader: fc.boolean(),
});

describe(`HTTP under bad input: ${RUNS} malformed requests`, () => {
  it('never answers 5xx, always says what is wrong in a 4xx, and changes nothing', async () => {
    // sessions may end (a signed-in DELETE /api/session is a logout); everything else must stay
    // sessions, the audit log and failed sign-ins are the server's own records of the requests, not data
    const counts = async () =>
      Object.fromEntries(
        Object.entries(await rowCounts(t.db)).filter(([table]) => !['sessions', 'audit_log', 'login_failures'].includes(table)),
      );
    const before = await counts();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = r.path.replace('{x}', encodeURIComponent(r.x));
        const qs = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.signedIn) Object.assign(headers, { cookie: auth.cookie }); // no CSRF token: writes must be refused
        if (r.hugeHeader) headers['x-filler'] = 'x'.repeat(20_000);
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: `${path}${qs ? `?${qs}` : ''}`,
          headers,
          payload:
            r.method === 'GET' || r.method === 'HEAD'
              ? undefined
              : typeof r.body === 'string'
                ? r.body
                : r.body === undefined
                  ? undefined
                  : JSON.stringify(r.body),
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${r.method} ${path}?${qs}`).toBeLessThan(500);
        if (res.statusCode >= 400 && r.method !== 'HEAD') {
          expect(res.json().message, `${r.method} ${path}`).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
      { numRuns: RUNS, seed: 4242 },
    );
    expect(await counts()).toEqual(before);
    console.log(
      `http fuzz: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
  }, 300_000);

  it('an upload with a path-traversal name, signed in with the CSRF token, stores only the base name', async () => {
    const m = multipart([{ name: '../../etc/passwd', content: 'not a report' }]);
    const fresh = await t.login('editor'); // the fuzzing may have signed the first session out
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: m.payload,
      headers: { ...m.headers, ...fresh },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().results[0].file).toBe('passwd');
  });
});
