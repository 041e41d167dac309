import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportQueue } from '../../../server/ingest/import-queue';
import { multipart, type TestApp, testApp } from '../../helpers/app';
import { sqlAll, sqlGet, sqlRun } from '../../helpers/db';
import { importQueueClient } from '../../helpers/imports';
import { sampleText } from '../../helpers/samples';

// The import page's queue: POST /api/imports stores the files and answers at once; GET /api/imports
// tells each file's stage (queued 排队, reading 读取中, ocr 识别中 n/m 页, done 完成, failed 失败).

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const corrected = sampleText('caochang').replace('主动公开各类政府信息 24 条', '主动公开各类政府信息 26 条');

const { enqueue, jobs } = importQueueClient(() => t);
const decide = async (id: number, replace: boolean, who = 'editor') =>
  (
    await t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/decision`,
      payload: { replace },
      headers: await t.login(who),
    })
  ).statusCode;

describe('POST /api/imports', () => {
  it('needs an editor: 401 without a session, 403 for a viewer', async () => {
    const body = multipart([{ name: 'a.txt', content: corrected }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/imports', ...body })).statusCode).toBe(401);
    const viewer = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { ...body.headers, ...(await t.login('viewer')) },
    });
    expect(viewer.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/imports', headers: await t.login('viewer') })).statusCode).toBe(403);
  });

  it('answers at once with the files queued, then imports them in order', async () => {
    const queued = await enqueue([
      { name: '草场镇（更正版）.txt', content: corrected },
      { name: '无关.txt', content: '今天天气很好。' },
      { name: '草场镇（再传一次）.txt', content: corrected },
    ]);
    // one file is read at a time: the others wait their turn
    expect(queued.map((j) => [j.file, j.stage])).toEqual([
      ['草场镇（更正版）.txt', 'reading'],
      ['无关.txt', 'queued'],
      ['草场镇（再传一次）.txt', 'queued'],
    ]);
    await t.app.imports.whenIdle();
    const read = await jobs(queued.map((j) => j.id));
    // a file that would replace the current version waits for the uploader, saying what it changes
    // (草场镇 says 24 in the sample and 26 in the file); the same file twice asks twice
    expect(read.map((j) => [j.stage, j.result?.status])).toEqual([
      ['review', 'review'],
      ['failed', 'failed'],
      ['review', 'review'],
    ]);
    expect(read[0]?.result?.changes).toEqual([{ field: 'proactive.total', label: '主动公开政府信息总数', from: 24, to: 26 }]);
    expect(read[0]?.result?.organization?.name).toBe('草场镇');
    expect(read[1]?.result?.reason?.zh).toMatch(/不是政府信息公开工作年度报告/);
    const caochang = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/rankings?year=2024' }))
        .json()
        .rows.find((r: { organization: { name: string } }) => r.organization.name === '草场镇').value;
    // nothing of it is written until the uploader says so
    expect(await caochang()).toBe(24);
    expect(await decide(read[0]?.id as number, true)).toBe(200);
    await t.app.imports.whenIdle();
    expect(await decide(read[2]?.id as number, true)).toBe(200);
    await t.app.imports.whenIdle();
    const done = await jobs(queued.map((j) => j.id));
    expect(done.map((j) => [j.stage, j.result?.status])).toEqual([
      ['done', 'replaced'],
      ['failed', 'failed'],
      ['done', 'unchanged'],
    ]);
    // the ranking has the new figure
    expect(await caochang()).toBe(26);
    // an imported file's bytes live in source_documents; a refused one keeps none (issue 32: junk must not fill the database)
    const kept = await sqlAll(
      t.db,
      'select file_name as f, case when bytes is not null then 1 else 0 end as kept from import_jobs order by id',
    );
    expect(kept).toEqual([
      { f: '草场镇（更正版）.txt', kept: 0 },
      { f: '无关.txt', kept: 0 },
      { f: '草场镇（再传一次）.txt', kept: 0 },
    ]);
  });

  it('a replacement the uploader discards writes nothing; only the uploader decides, and only once', async () => {
    const before = await sqlGet(t.db, 'select count(*) as n from reports');
    const [job] = await enqueue([{ name: '草场镇（误传）.txt', content: corrected }]);
    await t.app.imports.whenIdle();
    expect(await decide(job?.id as number, true, 'admin')).toBe(404);
    expect(await decide(job?.id as number, false)).toBe(200);
    const [done] = await jobs([job?.id as number]);
    expect([done?.stage, done?.result?.status]).toEqual(['done', 'discarded']);
    expect(await decide(job?.id as number, true)).toBe(404);
    expect(await sqlGet(t.db, 'select count(*) as n from reports')).toEqual(before);
    expect(await sqlGet(t.db, 'select case when bytes is null then 1 else 0 end as dropped from import_jobs')).toEqual({
      dropped: 1,
    });
    // the decision is audited: who chose not to replace the current report, with which file
    const audit = (
      await sqlAll<{ actor: string; target: string; detail: string }>(
        t.db,
        "select actor, target, detail from audit_log where action = 'import'",
      )
    ).map(({ detail, ...a }) => ({ ...a, status: (JSON.parse(detail) as { status: string }).status }));
    expect(audit).toEqual([{ actor: 'editor', target: '草场镇（误传）.txt', status: 'discarded' }]);
  });

  it('shows a user their own files only, the latest first', async () => {
    const mine = await enqueue([{ name: 'mine.txt', content: corrected }], 'editor');
    const theirs = await enqueue([{ name: 'theirs.txt', content: corrected }], 'admin');
    await t.app.imports.whenIdle();
    expect((await jobs(null, 'editor')).map((j) => j.file)).toEqual(['mine.txt']);
    expect(await jobs([theirs[0]?.id as number], 'editor')).toEqual([]);
    expect((await jobs([mine[0]?.id as number, theirs[0]?.id as number], 'admin')).map((j) => j.file)).toEqual(['theirs.txt']);
  });

  it('reads at start-up the files left waiting or half-read when the server stopped', async () => {
    // confirmed: the uploader had said to replace the current version
    const insert = (...p: unknown[]) =>
      sqlRun(
        t.db,
        `insert into import_jobs (file_name, size, bytes, county, imported_by, state, confirmed, created_at) values (?, ?, ?, null, 'editor', ?, 1, '2026-01-01T00:00:00Z')`,
        ...p,
      );
    const bytes = Buffer.from(corrected);
    await insert('left-running.txt', bytes.length, bytes, 'running');
    await insert('left-queued.txt', bytes.length, bytes, 'queued');
    const queue = new ImportQueue(t.db, t.app.log);
    await queue.whenIdle();
    const states = (
      await sqlAll<{ f: string; state: string; result: string }>(
        t.db,
        'select file_name as f, state, result from import_jobs order by id',
      )
    ).map(({ f, state, result }) => ({ f, state, status: (JSON.parse(result) as { status: string }).status }));
    // the same bytes twice: the first replaces the sample, the second is unchanged
    expect(states).toEqual([
      { f: 'left-running.txt', state: 'done', status: 'replaced' },
      { f: 'left-queued.txt', state: 'done', status: 'unchanged' },
    ]);
    queue.stop();
  });
});
