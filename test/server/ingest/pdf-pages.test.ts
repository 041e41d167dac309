import { describe, expect, it } from 'vitest';
import { layoutLines } from '../../../server/ingest/formats/pdf-lines';
import { assemblePages, type LaidPage } from '../../../server/ingest/formats/pdf-pages';

/** One item per character, as PDFium gives them, `size` points, advancing a full em each. */
function glyphs(text: string, x: number, y: number, size = 16) {
  return [...text].map((ch, i) => ({ str: ch, x: x + i * size, y, width: size, size }));
}
function page(items: ReturnType<typeof glyphs>): LaidPage {
  return { width: 595, height: 842, lines: layoutLines(items) };
}
/** Fisher–Yates with a fixed sequence: the content stream's order says nothing. */
function shuffled<T>(xs: T[]): T[] {
  const out = [...xs];
  let s = 7;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('a PDF’s pages into one text', () => {
  it('reads lines top to bottom and characters left to right whatever order they were written in', () => {
    const items = shuffled([...glyphs('主动公开信息2428条', 72, 700), ...glyphs('公开政府常务会议7期', 72, 672)]);
    expect(assemblePages([page(items)]).text).toBe('主动公开信息2428条\n公开政府常务会议7期');
  });

  it('keeps two lines apart when their glyph boxes would overlap (a font taller than the line pitch)', () => {
    // 16 pt type on a 17 pt pitch: boxes 2.4 em tall overlap, baselines do not
    const items = shuffled([...glyphs('第一行', 72, 700), ...glyphs('第二行', 72, 683)]);
    expect(assemblePages([page(items)]).text).toBe('第一行\n第二行');
  });

  it('drops page numbers at the foot of the page and a header repeated on every page, keeping its first', () => {
    const pages = [1, 2, 3].map((n) =>
      page([
        ...glyphs('某某镇年度报告', 200, 800, 10),
        ...glyphs(`正文第${n}页的内容`, 72, 600),
        ...glyphs(`-${n}-`, 290, 40, 10),
      ]),
    );
    const { text, furniture } = assemblePages(pages);
    expect(text).toBe('某某镇年度报告\n正文第1页的内容\n正文第2页的内容\n正文第3页的内容');
    expect(furniture).toEqual(['-1-', '某某镇年度报告', '-2-', '某某镇年度报告', '-3-']);
  });

  it('keeps a number at the foot of a page that is the text’s own, not a page number', () => {
    const { text } = assemblePages([page([...glyphs('收取信息处理费0元。', 72, 100)])]);
    expect(text).toBe('收取信息处理费0元。');
  });

  it('gives each run of digits its box on its page', () => {
    const { text, spans } = assemblePages([page(glyphs('发布2428条', 72, 700))]);
    const at = text.indexOf('2428');
    const span = spans.find((s) => s.from === at && s.to === at + 4);
    expect(span?.page).toBe(0);
    expect(span?.box).toEqual({ x0: 104, x1: 168, y0: 700 - 3.2, y1: 700 + 13.6 });
  });
});
