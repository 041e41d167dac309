import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedReport } from '../../shared/report/types';
import { CONTRACT_FIELDS } from '../helpers/contract';
import { ROOT, SAMPLE_FILES } from '../helpers/samples';

function runParse(...files: string[]): ParsedReport[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'parse.ts'), ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('npm run parse', () => {
  it('prints a JSON array, one object per file, in the contract shape', () => {
    const files = [SAMPLE_FILES.xinshan, SAMPLE_FILES.xiaopu].map((f) => join(ROOT, 'samples', f));
    const [a, b] = runParse(...files);
    expect(Object.keys(a ?? {})).toEqual(expect.arrayContaining(CONTRACT_FIELDS));
    const sha = createHash('sha256')
      .update(readFileSync(files[0] as string))
      .digest('hex');
    expect(a?.source).toEqual({ file: SAMPLE_FILES.xinshan, sha256: sha, format: 'text' });
    expect(a?.proactive.total).toBe(75);
    expect(b?.source.format).toBe('markdown');
    expect(b?.org).toEqual({ name: '小铺乡', fullName: null, county: null, kind: '乡' });
  });

  it('reads a GBK-encoded report as published by older office software', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parse-'));
    const path = join(dir, 'gbk.txt');
    // the 草场镇 sample re-encoded to GB18030 by iconv, as older office software saves it
    const utf8 = readFileSync(join(ROOT, 'samples', SAMPLE_FILES.caochang), 'utf8');
    const gbk = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8 }));
    writeFileSync(path, gbk);
    const [r] = runParse(path);
    expect(r?.org.name).toBe('草场镇');
    expect(r?.proactive.total).toBe(24);
  });

  it('gives an unreadable path its own finding instead of failing the batch', () => {
    const [r, s] = runParse('/nonexistent/report.txt', join(ROOT, 'samples', SAMPLE_FILES.puwei));
    expect(r?.findings[0]?.code).toBe('document.unreadable');
    expect(s?.proactive.total).toBe(94);
  });
});

describe('npm run parse on published formats', () => {
  it('reads HTML, PDF and DOCX by content and says why a scan with no words gives nothing', () => {
    const dir = join(ROOT, 'test', 'fixtures', 'formats');
    const [html, pdf, docx, scanned] = runParse(
      join(dir, '002.html'),
      join(dir, '002.pdf'),
      join(dir, '002.docx'),
      join(dir, 'bad', 'scanned.pdf'),
    );
    expect([html?.source.format, pdf?.source.format, docx?.source.format]).toEqual(['html', 'pdf', 'docx']);
    expect([html, pdf, docx].map((r) => r?.proactive.total)).toEqual([50, 50, 50]);
    expect(scanned?.findings).toEqual([
      { code: 'document.scanned', severity: 'error', message: expect.stringContaining('文字识别也未能读出文字') },
    ]);
    expect(scanned?.proactive.total).toBeNull();
  });
});
