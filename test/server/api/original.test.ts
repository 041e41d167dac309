import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdfium, PdfDocument } from '../../../server/ingest/formats/pdfium';
import { importDocument } from '../../../server/ingest/import-report';
import { type TestApp, testApp } from '../../helpers/app';
import { ROOT } from '../../helpers/samples';

// Issue 28, the original beside each figure: 洪泽区's 2024 report as published (a WPS PDF). By hand
// from the PDF: 主动公开 2428 (page 1, "…主动发布各类政府信息 2428 条…"), and 表三's first row,
// 本年新收 95 (natural persons) and 95 (total), on page 3. The box the API gives for each must hold
// the glyphs of that figure in the PDF's text layer, and the page as rendered must have ink in it.
const PDF = readFileSync(join(ROOT, 'test', 'fixtures', 'real-files', 'hongze-2024.pdf'));
const DPI = 110;

let t: TestApp;
let id: number;
/** Boxes of a page's text-layer pieces whose text is exactly `digits`. */
let glyphs: (page: number, digits: string) => { x0: number; y0: number; x1: number; y1: number }[];
beforeAll(async () => {
  t = await testApp();
  const r = await importDocument(t.db, { bytes: PDF, fileName: 'hongze-2024.pdf', importedBy: 'editor' });
  id = r.reportId as number;
  const doc = new PdfDocument(await openPdfium(), PDF);
  const lines = Array.from({ length: doc.pages }, (_, p) => doc.pageLines(p));
  doc.close();
  glyphs = (page, digits) =>
    (lines[page] ?? []).flatMap((l) => l.spans.filter((s) => l.text.slice(s.from, s.to).trim() === digits).map((s) => s.box));
}, 60_000);
afterAll(() => t.close());

const box = async (field: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/reports/${id}/original?field=${encodeURIComponent(field)}` })).json();

/** Dark pixels of the rendered page inside a box given in PDF points. */
async function inkIn(page: number, pageHeight: number, b: { x0: number; y0: number; x1: number; y1: number }) {
  const res = await t.app.inject({ method: 'GET', url: `/api/reports/${id}/pages/${page}` });
  expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'image/png']);
  const png = PNG.sync.read(res.rawPayload);
  const k = DPI / 72;
  let dark = 0;
  for (let y = Math.floor((pageHeight - b.y1) * k); y < Math.ceil((pageHeight - b.y0) * k); y++) {
    for (let x = Math.floor(b.x0 * k); x < Math.ceil(b.x1 * k); x++) {
      if ((png.data[(y * png.width + x) * 4] as number) < 128) dark++;
    }
  }
  return dark;
}

const contains = (outer: { x0: number; y0: number; x1: number; y1: number }, inner: typeof outer) =>
  outer.x0 <= inner.x0 + 1 && outer.x1 >= inner.x1 - 1 && outer.y0 <= inner.y0 + 1 && outer.y1 >= inner.y1 - 1;

describe('a figure shown where it stands in the PDF', () => {
  it('主动公开 2428: page 1, a box around exactly its glyphs, with ink on the rendered page', async () => {
    const b = await box('proactive.total');
    expect([b.page, b.pages]).toEqual([0, 5]);
    const [glyph] = glyphs(0, '2428');
    expect(glyph).toBeDefined();
    expect(contains(b.box, glyph as typeof b.box)).toBe(true);
    // the unit 条 and the words after it are not in the box
    expect(b.box.x1 - b.box.x0).toBeLessThan(((glyph?.x1 ?? 0) - (glyph?.x0 ?? 0)) * 1.5);
    expect(await inkIn(0, b.pageHeight, b.box)).toBeGreaterThan(50);
  });

  it('a 表三 cell (一、本年新收·总计 95): page 3, the right one of the row’s two 95s', async () => {
    const natural = await box('applications.newReceived[0]');
    const total = await box('applications.newReceived[6]');
    expect([natural.page, total.page]).toEqual([2, 2]);
    const nineFives = glyphs(2, '95').filter((g) => Math.abs(g.y0 - natural.box.y0) < 2);
    expect(nineFives).toHaveLength(2);
    const [left, right] = nineFives.sort((a, b) => a.x0 - b.x0);
    expect(contains(natural.box, left as typeof natural.box)).toBe(true);
    expect(contains(total.box, right as typeof total.box)).toBe(true);
    expect(await inkIn(2, total.pageHeight, total.box)).toBeGreaterThan(20);
  });

  it('a figure of a text original has no box; a page past the end is refused', async () => {
    const other = await t.app.inject({ method: 'GET', url: '/api/reports/1/original?field=proactive.total' });
    expect(other.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/reports/${id}/pages/9` })).statusCode).toBe(422);
  });
});
