import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedReport } from '../../shared/report/types';
import { CONTRACT_FIELDS } from '../helpers/contract';
import { ROOT, SAMPLE_FILES } from '../helpers/samples';

// One run of the command over a batch of every kind of file, as the office runs it on a folder;
// each test below reads its own files' objects from the one JSON array it printed.
const formats = join(ROOT, 'test', 'fixtures', 'formats');
const gbkDir = mkdtempSync(join(tmpdir(), 'parse-'));
const FILES = {
  xinshan: join(ROOT, 'samples', SAMPLE_FILES.xinshan),
  xiaopu: join(ROOT, 'samples', SAMPLE_FILES.xiaopu),
  gbk: join(gbkDir, 'gbk.txt'),
  missing: '/nonexistent/report.txt',
  puwei: join(ROOT, 'samples', SAMPLE_FILES.puwei),
  html: join(formats, '002.html'),
  pdf: join(formats, '002.pdf'),
  docx: join(formats, '002.docx'),
  scanned: join(formats, 'bad', 'scanned.pdf'),
};
type Key = keyof typeof FILES;
let parsed: Record<Key, ParsedReport>;

beforeAll(() => {
  // the 草场镇 sample re-encoded to GB18030 by iconv, as older office software saves it
  const utf8 = readFileSync(join(ROOT, 'samples', SAMPLE_FILES.caochang), 'utf8');
  writeFileSync(FILES.gbk, new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8 })));
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'parse.ts'), ...Object.values(FILES)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const array = JSON.parse(out) as ParsedReport[];
  expect(array).toHaveLength(Object.keys(FILES).length);
  parsed = Object.fromEntries(Object.keys(FILES).map((k, i) => [k, array[i]])) as Record<Key, ParsedReport>;
}, 60_000);

describe('npm run parse', () => {
  it('prints a JSON array, one object per file in the order given, in the contract shape', () => {
    const { xinshan: a, xiaopu: b } = parsed;
    expect(Object.keys(a)).toEqual(expect.arrayContaining(CONTRACT_FIELDS));
    const sha = createHash('sha256').update(readFileSync(FILES.xinshan)).digest('hex');
    expect(a.source).toEqual({ file: SAMPLE_FILES.xinshan, sha256: sha, format: 'text' });
    expect(a.proactive.total).toBe(75);
    expect(b.source.format).toBe('markdown');
    expect(b.org).toEqual({ name: '小铺乡', fullName: null, county: null, kind: '乡' });
  });

  it('reads a GBK-encoded report as published by older office software', () => {
    expect(parsed.gbk.org.name).toBe('草场镇');
    expect(parsed.gbk.proactive.total).toBe(24);
  });

  it('gives an unreadable path its own finding instead of failing the batch', () => {
    expect(parsed.missing.findings[0]?.code).toBe('document.unreadable');
    expect(parsed.puwei.proactive.total).toBe(94);
  });
});

describe('npm run parse on published formats', () => {
  it('reads HTML, PDF and DOCX by content and says why a scan with no words gives nothing', () => {
    const { html, pdf, docx, scanned } = parsed;
    expect([html.source.format, pdf.source.format, docx.source.format]).toEqual(['html', 'pdf', 'docx']);
    expect([html, pdf, docx].map((r) => r.proactive.total)).toEqual([50, 50, 50]);
    expect(scanned.findings).toEqual([
      { code: 'document.scanned', severity: 'error', message: expect.stringContaining('文字识别也未能读出文字') },
    ]);
    expect(scanned.proactive.total).toBeNull();
  });
});
