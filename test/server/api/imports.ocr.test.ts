import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../helpers/app';
import { importQueueClient } from '../../helpers/imports';
import { ROOT } from '../../helpers/samples';

// The import queue while OCR reads a scanned PDF (tens of seconds: `npm run test:ocr`).

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const { enqueue, jobs } = importQueueClient(() => t);

describe('POST /api/imports with a scanned PDF', () => {
  it('says 识别中 page by page while it reads a scanned PDF', async () => {
    const scan = readFileSync(join(ROOT, 'test', 'fixtures', 'scan', '001.nonzero.scan.pdf'));
    const [job] = await enqueue([{ name: '草场镇（扫描件）.pdf', content: scan }]);
    const seen: string[] = [];
    for (;;) {
      const [j] = await jobs([job?.id as number]);
      const state = j?.stage === 'ocr' ? `ocr ${j.ocrPage}/${j.ocrPages}` : (j?.stage as string);
      if (seen.at(-1) !== state) seen.push(state);
      if (j?.stage === 'done' || j?.stage === 'failed' || j?.stage === 'review') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // every scanned page in turn, then it waits for the uploader: it would replace 草场镇's current
    // 2024 report, the sample (the first states can pass between two polls)
    expect(seen.filter((s) => s.startsWith('ocr'))).toEqual(['ocr 1/3', 'ocr 2/3', 'ocr 3/3']);
    expect(seen.at(-1)).toBe('review');
    const [done] = await jobs([job?.id as number]);
    expect([done?.result?.status, done?.result?.organization?.name, done?.result?.year]).toEqual(['review', '草场镇', 2024]);
  });
});
