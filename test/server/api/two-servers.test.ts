/**
 * Two server processes on one database, as a city or province runs them behind a load balancer:
 * what one process writes, the other serves at once — its cached rankings included — and a
 * session signed in on one is good on the other. On SQLite both open the same file; under
 * `npm run test:postgres` both connect to the same PostgreSQL database. Sign-in failures are counted
 * in the database too, so five wrong passwords on one process stop the sixth attempt on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUsers, PASSWORD, tempDatabase } from '../../helpers/db';
import { sampleText } from '../../helpers/samples';
import { loginOver, type ServerProcess, startServer, upload } from '../../helpers/server-process';

let t: Awaited<ReturnType<typeof tempDatabase>>;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  t = await tempDatabase();
  await addUsers(t.db, [['editor', 'editor']]);
  [a, b] = await Promise.all([
    startServer(t.path, { ENGINE_PREWARM: 'false' }),
    startServer(t.path, { ENGINE_PREWARM: 'false' }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await t?.close();
});

type Ranking = { rows: { organization: { name: string }; value: number | null }[] };
const ranking = async (s: ServerProcess) =>
  Object.fromEntries(
    ((await (await fetch(`${s.base}/api/rankings?year=2024`)).json()) as Ranking).rows.map((r) => [r.organization.name, r.value]),
  );

describe('two server processes on one database', () => {
  it('an upload through one is served by the other at once, its cached ranking included', async () => {
    const editor = await loginOver(a.base);
    const first = await upload(a.base, editor, [{ name: '丙谷镇.txt', bytes: sampleText('binggu') }]);
    expect(first.status).toBe(200);
    // B reads (and caches) the year's ranking with one town in it
    expect(await ranking(b)).toEqual({ 丙谷镇: 50 });

    const res = await upload(a.base, editor, [{ name: '草场镇.txt', bytes: sampleText('caochang') }]);
    expect(res.status).toBe(200);
    const [result] = ((await res.json()) as { results: { status: string; reportId: number }[] }).results;
    expect(result?.status).toBe('imported');
    // at once, on the other process: the report itself, and the ranking it had cached before
    const report = await fetch(`${b.base}/api/reports/${result?.reportId}`);
    expect(report.status).toBe(200);
    expect(((await report.json()) as { organization: { name: string } }).organization.name).toBe('草场镇');
    expect(await ranking(b)).toEqual({ 丙谷镇: 50, 草场镇: 24 });
  });

  it('a session signed in on one process writes through the other; the write is read back on the first', async () => {
    const editor = await loginOver(a.base);
    const replaced = sampleText('binggu').replace('主动公开信息 50条', '主动公开信息 52条');
    const res = await upload(b.base, editor, [{ name: '丙谷镇（更正版）.txt', bytes: replaced }]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { status: string }[] }).results[0]?.status).toBe('replaced');
    expect(await ranking(a)).toEqual({ 丙谷镇: 52, 草场镇: 24 });
  });

  it('counts wrong passwords across processes: five on one, and the other refuses the sixth', async () => {
    const signIn = (s: ServerProcess, password: string) =>
      fetch(`${s.base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'editor', password }),
      });
    for (let i = 0; i < 5; i++) expect((await signIn(a, 'wrong password 1A')).status).toBe(401);
    const refused = await signIn(b, PASSWORD);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toContain('密码错误次数过多');
  });
});
