import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { tableAccuracy } from '../../../scripts/fixtures/table-accuracy';
import { FormatError } from '../../../server/ingest/formats/errors';
import { extractDocument } from '../../../server/ingest/formats/index';
import { type ParsedReport, parseReport } from '../../../shared/report/index';
import { ROOT } from '../../helpers/samples';

// Scanned reports: the text PDFs of test/fixtures/pdf and test/fixtures/formats rendered to images
// at 150 dpi and put back into PDFs with no text layer (scripts/gen-scan-fixtures.ts). Expected
// values are the text PDFs' generator input, never what OCR printed.

const DIR = join(ROOT, 'test', 'fixtures', 'scan');

type Scan = { report: ParsedReport; text: string; ranges: [number, number][] };
const scans = new Map<string, Promise<Scan>>();

/** Each scan is read once for all the tests (OCR takes seconds a page). */
function readScan(file: string): Promise<Scan> {
  let scan = scans.get(file);
  if (!scan) {
    scan = ocrScan(file);
    scans.set(file, scan);
  }
  return scan;
}

async function ocrScan(file: string): Promise<Scan> {
  const x = await extractDocument(readFileSync(join(DIR, file)));
  const ranges = x.ocrRanges ?? [];
  return { report: parseReport(x.text, { file, format: x.format, ocrRanges: ranges }), text: x.text, ranges };
}

describe.each(['wps-centred.scan.pdf', '001.nonzero.scan.pdf'])('%s (no text layer)', (file) => {
  const expected = JSON.parse(readFileSync(join(DIR, file.replace('.pdf', '.expected.json')), 'utf8'));
  const read = readScan(file);

  it('is read by OCR, the whole text marked as such', async () => {
    const { text, ranges } = await read;
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.reduce((n, [a, b]) => n + b - a, 0)).toBeGreaterThan(text.length * 0.95);
  });

  it('reads at least 98% of the table figures right (all 200 when this was written)', async () => {
    const { report } = await read;
    const { of, wrong } = tableAccuracy(report, expected);
    expect(of).toBe(200);
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(4);
  });

  it('marks every figure it located as read by OCR, and says so in a finding', async () => {
    const { report } = await read;
    const spans = Object.values(report.provenance);
    expect(spans.length).toBeGreaterThan(150);
    expect(spans.every((s) => s.ocr === true)).toBe(true);
    expect(report.findings.find((f) => f.code === 'source.ocr')?.message).toMatch(/识别自扫描件，请核对/);
  });
});

describe('a scanned report read by OCR', () => {
  it('has the unit, county, year and proactive figures of the printed page', async () => {
    const { report } = await readScan('wps-centred.scan.pdf');
    const expected = JSON.parse(readFileSync(join(DIR, 'wps-centred.scan.expected.json'), 'utf8'));
    // the scan's title reads 仪陇且马鞍镇: the misread county is mended from the signature
    expect({ name: report.org.name, county: report.org.county, kind: report.org.kind }).toEqual(expected.org);
    expect(report.findings.map((f) => f.code)).toContain('org.ocrMisread');
    expect([report.year, report.publishedOn, report.proactive.total]).toEqual([
      expected.year,
      expected.publishedOn,
      expected.total,
    ]);
    // the counts; a label may come out a character off (工作动下), which the source.ocr finding covers
    expect(report.proactive.categories.map((c) => c.count)).toEqual(expected.categories.map((c: [string, number]) => c[1]));
  });

  it('reads a photo of a page (JPEG) the same way', async () => {
    const x = await extractDocument(readFileSync(join(DIR, 'page1.jpg')));
    expect([x.format, x.mediaType]).toEqual(['image', 'image/jpeg']);
    expect(x.ocrRanges).toEqual([[0, x.text.length]]);
    const report = parseReport(x.text, { format: x.format, ocrRanges: x.ocrRanges ?? [] });
    expect([report.org.name, report.year, report.proactive.total]).toEqual(['马鞍镇', 2023, 186]);
    expect(report.provenance['proactive.total']?.ocr).toBe(true);
  });

  it('refuses a picture with no words in it, saying so', async () => {
    const blank = new PNG({ width: 600, height: 800 });
    blank.data.fill(255);
    const err = await extractDocument(PNG.sync.write(blank)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect([(err as FormatError).code, (err as FormatError).zh]).toEqual([
      'format.scanned',
      '图片中未能识别出文字，请提供文字版或更清晰的图片',
    ]);
  });
});

describe('a scan longer than the OCR limit (issue 32, item 9)', () => {
  it('reads the first pages only and says how many were left unread', async () => {
    const { setOcrMaxPages } = await import('../../../server/ingest/formats/engine');
    const { sourceInfo } = await import('../../../server/ingest/formats/index');
    setOcrMaxPages(1);
    try {
      const x = await extractDocument(readFileSync(join(DIR, '001.nonzero.scan.pdf')));
      expect(x.ocrSkipped).toBe(2);
      const report = parseReport(x.text, sourceInfo(x));
      expect(report.findings.find((f) => f.code === 'ocr.pagesSkipped')?.message).toBe(
        '扫描件页数过多，只识别了前面的扫描页，另有 2 页未识别；其中的数字未读取，请核对原件或提供文字版',
      );
    } finally {
      setOcrMaxPages(30);
    }
  }, 120_000);
});
