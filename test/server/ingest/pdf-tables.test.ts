import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../server/ingest/formats/index';
import { itemsToLines } from '../../../server/ingest/formats/pdf-lines';
import { tableRows } from '../../../server/ingest/formats/pdf-table';
import { parseReport } from '../../../shared/report/index';
import { ROOT } from '../../helpers/samples';

// PDFs printed as WPS prints reports (scripts/gen-pdf-fixtures.ts: embedded CJK TrueType subset,
// Identity-H, merged label cells, labels wrapped round centred numbers, narrow columns where
// numbers wrap inside their cell, table 三 across a page break with its header repeated). The
// expected values are the generator's input.

const DIR = join(ROOT, 'test', 'fixtures', 'pdf');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''));

describe.each(NAMES)('%s.pdf', (name) => {
  const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
  const read = (async () => {
    const { text, format, title } = await extractDocument(readFileSync(join(DIR, `${name}.pdf`)));
    return parseReport(text, { file: `${name}.pdf`, format, title });
  })();

  it('reads every figure of the three tables by position', async () => {
    const r = await read;
    expect(r.article20).toEqual(expected.article20);
    expect(r.applications).toEqual(expected.applications);
    expect(r.reviewLitigation).toEqual(expected.reviewLitigation);
    expect(r.findings.filter((f) => f.code.startsWith('table.') || f.code.startsWith('applications.'))).toEqual([]);
  });

  it('reads the unit, the year, the date and the proactive total', async () => {
    const r = await read;
    expect({ name: r.org.name, county: r.org.county, kind: r.org.kind }).toEqual(expected.org);
    expect([r.year, r.publishedOn, r.proactive.total]).toEqual([expected.year, expected.publishedOn, expected.total]);
    expect(r.proactive.categories.map((c) => [c.label, c.count])).toEqual(expected.categories);
  });
});

describe('a table drawn without rules', () => {
  it('gives a blank cell as a blank: null with its own finding, the rest of its row in their columns', async () => {
    const { text } = await extractDocument(readFileSync(join(DIR, 'unruled-blanks.pdf')));
    const r = parseReport(text);
    const blanks = JSON.parse(readFileSync(join(DIR, 'unruled-blanks.expected.json'), 'utf8')).applications;
    expect(r.applications.granted).toEqual(blanks.granted);
    expect(r.applications.granted?.[2]).toBeNull();
    expect(r.findings.filter((f) => f.code === 'figure.null').map((f) => f.field)).toEqual([
      'applications.granted[2]',
      'applications.notHeld[0]',
      'applications.total[5]',
    ]);
  });

  const glyph = (str: string, x: number, y: number) => ({ str, x, y, width: 6 * str.length, size: 10.5 });
  const row = (y: number, label: string, values: (number | null)[]) => [
    glyph(label, 10, y),
    ...values.flatMap((v, k) => (v === null ? [] : [glyph(String(v), 200 + k * 30, y)])),
  ];

  it('places a short row’s numbers under the columns of the full row beside it', () => {
    const lines = itemsToLines([
      ...row(700, '本年新收', [5, 1, 0, 2, 0, 0, 8]),
      ...row(680, '上年结转', [3, 1, null, 2, 0, 0, 6]),
    ]);
    expect(lines).toEqual(['本年新收\t5\t1\t0\t2\t0\t0\t8', '| 上年结转 | 3 | 1 |  | 2 | 0 | 0 | 6 |']);
  });

  it('leaves a short row alone when a number stands between two columns', () => {
    const items = [
      ...row(700, '本年新收', [5, 1, 0, 2, 0, 0, 8]),
      glyph('上年结转', 10, 680),
      glyph('3', 200, 680),
      glyph('1', 245, 680),
    ];
    expect(itemsToLines(items)[1]).toBe('上年结转\t3\t1');
  });
});

describe('PDF table geometry', () => {
  const item = (str: string, x: number, y: number, width = str.length * 10) => ({ str, x, y, width, size: 10 });
  // a 3-column table: label | 2 numbers, two rows; the first label wraps round its numbers
  const rules = [
    ...[100, 80, 60].map((y) => ({ x1: 0, x2: 160, y1: y, y2: y })),
    ...[0, 100, 130, 160].map((x) => ({ x1: x, x2: x, y1: 60, y2: 100 })),
  ];

  it('gives each item the cell its centre lies in, a wrapped label and a wrapped number whole', () => {
    const items = [
      item('要求确认', 2, 92),
      item('12', 102, 88, 10),
      item('3', 132, 88, 5),
      item('或重新出具', 2, 84),
      item('4', 102, 82, 5),
    ];
    const { rows } = tableRows(items, rules);
    expect(rows.map((r) => r.text)).toEqual(['| 要求确认或重新出具 | 124 | 3 |', '|  |  |  |']);
  });

  it('writes an empty cell as an empty cell', () => {
    const { rows } = tableRows([item('规章', 2, 86), item('0', 104, 86, 5), item('第二行', 2, 66), item('7', 134, 66, 5)], rules);
    expect(rows.map((r) => r.text)).toEqual(['| 规章 | 0 |  |', '| 第二行 |  | 7 |']);
  });

  it('cuts an item pdf.js joined across a column rule', () => {
    const { rows } = tableRows([item('禁止公开 1', 2, 86, 108), item('2', 134, 86, 5)], rules);
    expect(rows[0]?.text).toBe('| 禁止公开 | 1 | 2 |');
  });

  it('separates two numbers in narrow columns outside a ruled table', () => {
    expect(itemsToLines([item('行政许可', 0, 700), item('123', 50, 700, 15), item('45', 68, 700, 10)])).toEqual([
      '行政许可\t123\t45',
    ]);
  });
});
