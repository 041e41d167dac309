import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument, FormatError } from '../../../server/ingest/formats/index';
import { parseReport } from '../../../shared/report/index';
import type { ParsedReport } from '../../../shared/report/types';
import { ROOT, SAMPLE_FILES } from '../../helpers/samples';

// Fixtures are written by scripts/gen-format-fixtures.ts (LibreOffice for DOCX and PDF); the
// expected tables come from its input, and every other field must equal the text version's.

const DIR = join(ROOT, 'test', 'fixtures', 'formats');
const BAD = join(DIR, 'bad');
const SAMPLE_BY_ID: Record<string, string> = Object.fromEntries(Object.values(SAMPLE_FILES).map((f) => [f.slice(0, 3), f]));

function textVersion(name: string): string {
  if (/^\d{3}$/.test(name)) return readFileSync(join(ROOT, 'samples', SAMPLE_BY_ID[name] as string), 'utf8');
  return readFileSync(join(ROOT, 'test', 'fixtures', 'text', `${name}.txt`), 'utf8');
}

/** Every contract field but the source, provenance offsets and the layout of prose whitespace. */
function comparable(r: ParsedReport) {
  const compact = (s: string) => s.replace(/\s+/g, '');
  return {
    org: r.org,
    year: r.year,
    publishedOn: r.publishedOn,
    template: r.template,
    proactive: r.proactive,
    article20: r.article20,
    applications: r.applications,
    reviewLitigation: r.reviewLitigation,
    sections: {
      problems: compact(r.sections.problems),
      improvements: compact(r.sections.improvements),
      other: compact(r.sections.other),
    },
    findings: r.findings.map((f) => `${f.code} ${f.field ?? ''}`).sort(),
    provenanceKeys: Object.keys(r.provenance).sort(),
  };
}

const NAMES = [
  ...new Set(
    readdirSync(DIR)
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.replace('.expected.json', '')),
  ),
];

describe.each(NAMES)('%s as HTML, PDF and DOCX', (name) => {
  const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
  const fromText = comparable(parseReport(textVersion(name)));

  it.each(['html', 'pdf', 'docx'] as const)('%s gives the text version’s figures', async (ext) => {
    const extracted = await extractDocument(readFileSync(join(DIR, `${name}.${ext}`)));
    expect(extracted.format).toBe(ext);
    const report = parseReport(extracted.text, { format: extracted.format });
    expect({ article20: report.article20, applications: report.applications, reviewLitigation: report.reviewLitigation }).toEqual(
      expected,
    );
    expect(comparable(report)).toEqual(fromText);
  });
});

describe('provenance in an extracted document', () => {
  it('points the proactive total of a PDF at its line of extracted text', async () => {
    const { text } = await extractDocument(readFileSync(join(DIR, '000.pdf')));
    const report = parseReport(text);
    const span = report.provenance['proactive.total'];
    expect(text.slice(span?.start, span?.end).replace(/\s/g, '')).toBe('75条');
    expect(text.split('\n')[(span?.line ?? 0) - 1]).toContain('主动公开信息');
  });

  it('reads no text from the site furniture of a web page (footer numbers, scripts, breadcrumbs)', async () => {
    const { text } = await extractDocument(readFileSync(join(DIR, '001.html')));
    expect(text).not.toMatch(/5104210001|ICP|访问量|当前位置|站内搜索/);
    expect(text.split('\n')[0]).toBe('米易县草场镇 2024 年政府信息公开工作 年度报告');
  });
});

const BAD_FILES: [string, string, RegExp][] = [
  // a page that is only a gray square: OCR runs and finds no words
  ['scanned.pdf', 'format.scanned', /扫描件.*文字识别也未能读出文字/],
  ['encrypted.pdf', 'format.encrypted', /加密/],
  ['truncated.pdf', 'format.corrupt', /损坏或不完整/],
  ['bomb.docx', 'format.zipBomb', /压缩炸弹/],
  ['legacy.doc', 'format.unsupported', /没有可读取的文字文档/],
  ['scan.png', 'format.corrupt', /图片文件已损坏/],
];

/** A PDF of many plain pages (Helvetica, no CJK): enough work that its CPU time is measured. */
async function manyPagePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let l = 0; l < 40; l++)
      page.drawText(`line ${l} of page ${p}: 1 2 3 4 5 6 7 8 9 10`, { x: 50, y: 800 - l * 18, size: 10, font });
  }
  return doc.save();
}

describe('files that are not readable reports', () => {
  // issue 29: an .xlsx (the roster, dropped on the import page) was refused as `DOCX 文件已损坏或不完整`
  it('an Excel workbook is named as one, with where a roster goes', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('应报单位').addRow(['单位名称']);
    const err = await extractDocument(Buffer.from(await wb.xlsx.writeBuffer())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).code).toBe('format.unsupported');
    expect((err as FormatError).zh).toBe(
      '这是 Excel 工作簿（.xlsx），不是年度报告。应报单位名单请在“考核 → 应报单位”中点“从 Excel 导入”；年度报告请上传 PDF、Word、WPS 或网页文件',
    );
  });

  it.each(BAD_FILES)('%s fails with %s and a clear reason', async (file, code, message) => {
    const before = process.memoryUsage().rss;
    const err = await extractDocument(readFileSync(join(BAD, file))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).code).toBe(code);
    expect((err as FormatError).zh).toMatch(message);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('a PDF that uses up its CPU budget is retried once on the idle engine, then refused as 超时, and the next PDF is read', async () => {
    const big = await manyPagePdf(300);
    const err = await extractDocument(big, { cpuBudgetMs: 1 }).catch((e: unknown) => e);
    expect((err as FormatError).code).toBe('format.timeout');
    expect((err as FormatError).zh).toMatch(/超时/);
    expect((err as FormatError).zh).not.toMatch(/损坏/);
    expect((err as FormatError).message).toMatch(/twice/);
    const again = await extractDocument(readFileSync(join(DIR, '000.pdf')));
    expect(again.text).toContain('主动公开');
  });

  it('an HTML page with no report on it is said not to be a report', async () => {
    const extracted = await extractDocument(readFileSync(join(BAD, 'no-report.html')));
    expect(extracted.format).toBe('html');
    const report = parseReport(extracted.text);
    expect(report.findings.map((f) => f.code)).toEqual(['document.notReport']);
    expect(report.proactive.total).toBeNull();
  });

  it('goes by content, not by name: a PDF named .docx and a web page named .pdf', async () => {
    const pdf = await extractDocument(readFileSync(join(BAD, 'report-named.docx')));
    expect(pdf.format).toBe('pdf');
    expect(parseReport(pdf.text).proactive.total).toBe(24);
    const html = await extractDocument(readFileSync(join(BAD, 'page-named.pdf')));
    expect(html.format).toBe('html');
    expect(parseReport(html.text).proactive.total).toBe(50);
  });
});
