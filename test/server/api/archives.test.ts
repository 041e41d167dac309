import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { type TestApp, testApp } from '../../helpers/app';
import { importQueueClient } from '../../helpers/imports';
import { ROOT, sampleText } from '../../helpers/samples';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({}, { samples: false });
});
afterEach(() => t.close());
const { enqueue, jobs } = importQueueClient(() => t);

/** A zip written by yazl from the given entries (names stored as UTF-8, flagged). */
function zip(entries: [name: string, content: Buffer | string][]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, content] of entries) z.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  z.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('a .zip of reports on the import page', () => {
  it('becomes one job per report in it; macOS bookkeeping is left out; a DOCX inside stays one file', async () => {
    const docx = readFileSync(join(ROOT, 'test', 'fixtures', 'formats', '002.docx'));
    const archive = await zip([
      ['2024年报/草场镇.txt', sampleText('caochang')],
      ['2024年报/新山乡.txt', sampleText('xinshan')],
      ['2024年报/丙谷镇.docx', docx],
      ['__MACOSX/2024年报/._草场镇.txt', 'x'],
      ['2024年报/.DS_Store', 'x'],
    ]);
    const queued = await enqueue([{ name: '米易县2024.zip', content: archive }]);
    // in pinyin order of their names, as a folder lists them: 丙 bing, 草 cao, 新 xin
    expect(queued.map((j) => j.file)).toEqual([
      '米易县2024.zip/2024年报/丙谷镇.docx',
      '米易县2024.zip/2024年报/草场镇.txt',
      '米易县2024.zip/2024年报/新山乡.txt',
    ]);
    await t.app.imports.whenIdle();
    const done = await jobs(queued.map((j) => j.id));
    expect(done.map((j) => [j.result?.status, j.result?.organization?.name, j.result?.year])).toEqual([
      // fixture 002.docx is written from samples/002, 丙谷镇's report
      ['imported', '丙谷镇', 2024],
      ['imported', '草场镇', 2024],
      ['imported', '新山傈僳族乡', 2024],
    ]);
  });

  it('a DOCX uploaded on its own is not taken for an archive', async () => {
    const docx = readFileSync(join(ROOT, 'test', 'fixtures', 'formats', '002.docx'));
    const [job] = await enqueue([{ name: '报告.docx', content: docx }]);
    expect(job?.file).toBe('报告.docx');
  });

  it('refuses a damaged archive and one that inflates past the limit, in Chinese, queuing nothing', async () => {
    const damaged = (await zip([['a.txt', sampleText('caochang')]])).subarray(0, 60);
    const body = async (name: string, content: Buffer) => {
      const { multipart } = await import('../../helpers/app');
      const m = multipart([{ name, content }]);
      return t.app.inject({
        method: 'POST',
        url: '/api/imports',
        payload: m.payload,
        headers: { ...m.headers, ...(await t.login('editor')) },
      });
    };
    const bad = await body('坏的.zip', damaged);
    expect([bad.statusCode, bad.json().message]).toEqual([400, expect.stringMatching(/^压缩包“坏的\.zip”已损坏或不完整/)]);
    // 60 MB of zeros compresses to a few dozen KB: past the 50 MB per-file limit once unpacked
    const bomb = await zip([['zeros.txt', Buffer.alloc(60 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refused = await body('炸弹.zip', bomb);
    expect([refused.statusCode, refused.json().message]).toEqual([
      400,
      expect.stringMatching(/^压缩包“炸弹\.zip”中有文件解压后超过 50 MB 上限/),
    ]);
    expect(await jobs(null)).toEqual([]);
  });

  it('refuses ten entries of 49 MB each (each under the file limit) once the request passes its 100 MB, keeping nothing (issue 32, item 3)', async () => {
    const zeros = Buffer.alloc(49 * 1024 * 1024);
    const bomb = await zip(Array.from({ length: 10 }, (_, i) => [`第${i}个.txt`, zeros] as [string, Buffer]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { multipart } = await import('../../helpers/app');
    const m = multipart([{ name: '十个.zip', content: bomb }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: m.payload,
      headers: { ...m.headers, ...(await t.login('editor')) },
    });
    expect([res.statusCode, res.json().message]).toEqual([
      400,
      '压缩包“十个.zip”中有文件解压后超过 50 MB 上限，或本次上传解压后合计超过 100 MB 上限（疑似压缩炸弹），已拒绝，没有保存其中任何文件',
    ]);
    expect(await jobs(null)).toEqual([]);
    const { sqlGet } = await import('../../helpers/db');
    expect(await sqlGet(t.db, 'select count(*) as n from import_jobs')).toEqual({ n: 0 });
  });

  it('cleans entry names as it cleans uploaded names: no U+202E, zero-width space, BEL or ESC (issue 32, item 10)', async () => {
    const archive = await zip([['报告\u202Efdp.exe\u200b\u0007\u001b/草场镇\u202E.txt', sampleText('caochang')]]);
    const queued = await enqueue([{ name: '名字.zip', content: archive }]);
    expect(queued.map((j) => j.file)).toEqual(['名字.zip/报告fdp.exe/草场镇.txt']);
  });
});
