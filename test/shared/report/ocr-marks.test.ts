import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../shared/report/index';
import { sampleText } from '../../helpers/samples';

// What the parser does with text read by OCR (SourceInfo.ocrRanges): marks, findings and the one
// correction it allows itself. The OCR itself is tested in test/server/ingest/ocr.ocr.test.ts (`npm run test:ocr`).

const caochang = sampleText('caochang');
const whole = (text: string) => [[0, text.length] as const];

describe('figures read by OCR', () => {
  it('are marked in provenance, and the report gets a source.ocr warning', () => {
    const r = parseReport(caochang, { ocrRanges: whole(caochang) });
    expect(r.provenance['proactive.total']?.ocr).toBe(true);
    expect(r.provenance['applications.total[6]']?.ocr).toBe(true);
    const f = r.findings.find((x) => x.code === 'source.ocr');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toMatch(/识别自扫描件，请核对/);
  });

  it('only those in the OCR-read part of the text', () => {
    const tableStart = caochang.indexOf('三、收到和处理');
    const r = parseReport(caochang, { ocrRanges: [[tableStart, caochang.length]] });
    expect(r.provenance['proactive.total']?.ocr).toBeUndefined();
    expect(r.provenance['applications.newReceived[0]']?.ocr).toBe(true);
  });

  it('are not marked in a text document', () => {
    const r = parseReport(caochang);
    expect(Object.values(r.provenance).some((s) => s.ocr)).toBe(false);
    expect(r.findings.map((f) => f.code)).not.toContain('source.ocr');
  });

  it('a table 三 read by OCR whose sums fail is flagged as a likely misreading', () => {
    // 本年新收 of 自然人 read as 5 where the page says 0: the row no longer adds up
    const misread = caochang.replace(/(一、本年新收政府信息公开申请数量\t+)0/, '$15');
    expect(misread).not.toBe(caochang);
    const scanned = parseReport(misread, { ocrRanges: whole(misread) });
    const flag = scanned.findings.find((f) => f.code === 'ocr.tableCheck');
    expect(flag?.severity).toBe('error');
    expect(flag?.message).toMatch(/表三识别自扫描件，勾稽关系不成立/);
    // the same figures typed, not scanned: the ordinary finding only
    const typed = parseReport(misread);
    expect(typed.findings.map((f) => f.code)).not.toContain('ocr.tableCheck');
    expect(typed.findings.some((f) => f.code.startsWith('applications.'))).toBe(true);
  });
});

describe('a county name misread by OCR in the title', () => {
  const report = (title: string) =>
    [
      title,
      '一、总体情况',
      '（一）主动公开情况',
      '2023年，马鞍镇通过仪陇县人民政府门户网站主动公开政府信息186条。',
      '六、其他需要报告的事项',
      '无。',
      '仪陇县马鞍镇人民政府',
      '2024年1月20日',
    ].join('\n');

  it.each([
    ['仪陇且马鞍镇2023年政府信息公开工作年度报告', '仪陇且马鞍镇'],
    ['仪陇有具马鞍镇2023年政府信息公开工作年度报告', '仪陇有具马鞍镇'],
  ])('%s is 仪陇县马鞍镇 when scanned, with a finding', (title, misread) => {
    const text = report(title);
    const r = parseReport(text, { ocrRanges: whole(text) });
    expect([r.org.name, r.org.county]).toEqual(['马鞍镇', '仪陇县']);
    expect(r.findings.find((f) => f.code === 'org.ocrMisread')?.message).toContain(misread);
  });

  it('is left as written in a typed document', () => {
    const r = parseReport(report('仪陇且马鞍镇2023年政府信息公开工作年度报告'));
    expect(r.findings.map((f) => f.code)).not.toContain('org.ocrMisread');
  });
});

describe('a heading with a speck before its numeral (a mark on the scan read as a character)', () => {
  it('人六、其他需要报告的事项 is section 六', () => {
    const text = caochang.replace(/六、其他需要报告的事项/, '人六、其他需要报告的事项');
    expect(text).not.toBe(caochang);
    const r = parseReport(text, { ocrRanges: whole(text) });
    expect(r.findings.map((f) => f.code)).not.toContain('sections.missing');
    expect(r.sections.other).toMatch(/^本年度/);
  });
});
