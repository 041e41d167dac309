import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument, FormatError } from '../../../server/ingest/formats/index';
import { parseReport } from '../../../shared/report/index';
import { ROOT } from '../../helpers/samples';

// .doc made by LibreOffice from the DOCX fixtures and the same container as WPS saves it (.wps),
// by scripts/gen-doc-fixtures.ts; expected values are the generator's input.

const DIR = join(ROOT, 'test', 'fixtures', 'doc');

describe.each(['001.nonzero.doc', '001.nonzero.wps', '2019-own-year.doc', '2019-own-year.wps'])('%s', (file) => {
  it('is read by content, to every figure of its tables', async () => {
    const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.(doc|wps)$/, '.expected.json')), 'utf8'));
    const extracted = await extractDocument(readFileSync(join(DIR, file)));
    expect(extracted.format).toBe('doc');
    expect(extracted.mediaType).toBe('application/msword');
    const report = parseReport(extracted.text, { format: extracted.format });
    expect(report.article20).toEqual(expected.article20);
    expect(report.applications).toEqual(expected.applications);
    expect(report.reviewLitigation).toEqual(expected.reviewLitigation);
  });
});

describe('an OLE file that holds no text document', () => {
  it('a spreadsheet (as WPS 表格 saves it) is refused with its reason', async () => {
    const err = await extractDocument(readFileSync(join(DIR, 'spreadsheet.et'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).code).toBe('format.unsupported');
    expect((err as FormatError).zh).toMatch(/没有可读取的文字文档/);
  });
});
