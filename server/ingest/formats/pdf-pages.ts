/**
 * A PDF's pages into one text: page furniture dropped (page numbers such as `-3-`, `第3页 共5页`,
 * and running headers and footers repeated on most pages), and for every piece of the text the page
 * and box it was read from, so that a figure can be shown on the page it came from. Pure layout.
 */
import type { LayoutSpan } from '../../db/layout';
import type { PageLine } from './pdf-geometry';

export type { LayoutSpan, PdfLayout } from '../../db/layout';

export interface LaidPage {
  width: number;
  height: number;
  lines: PageLine[];
}

export interface PdfText {
  text: string;
  /** Where each page's text starts (offset in `text`). */
  pageStarts: number[];
  spans: LayoutSpan[];
  /** Lines left out as page furniture. */
  furniture: string[];
}

const PAGE_NUMBER =
  /^(?:[-—–－‒―·•~～]{1,2}\d{1,4}[-—–－‒―·•~～]{1,2}|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|\d{1,4}[/／]\d{1,4}|\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;
/** The top and bottom margins where furniture sits, as shares of the page's height. */
const TOP_BAND = 0.12;
const BOTTOM_BAND = 0.15;
/** Only the outermost lines of a page can be furniture. */
const OUTERMOST = 2;

const compact = (s: string) => s.replace(/\s+/g, '');

/** The lines at a page's top and bottom margins that are not table rows: candidates for furniture. */
function marginLines(page: LaidPage): { line: PageLine; top: boolean }[] {
  const plain = page.lines.filter((l) => !l.table && compact(l.text) !== '');
  const out: { line: PageLine; top: boolean }[] = [];
  for (const line of plain.slice(0, OUTERMOST)) {
    if (line.y >= page.height * (1 - TOP_BAND)) out.push({ line, top: true });
  }
  for (const line of plain.slice(-OUTERMOST)) {
    if (line.y <= page.height * BOTTOM_BAND && !out.some((o) => o.line === line)) out.push({ line, top: false });
  }
  return out;
}

/**
 * The furniture of a document: a margin line that is a page number, or one whose words (digits
 * aside) stand in the same margin on at least half the pages, two at least — but the first of
 * those is kept, for a running header is often the report's title too.
 */
function furnitureOf(pages: readonly LaidPage[]): Set<PageLine> {
  const margins = pages.map(marginLines);
  const repeats = new Map<string, number>();
  for (const lines of margins) {
    const seen = new Set<string>();
    for (const { line, top } of lines) seen.add(`${top ? 'T' : 'B'}:${compact(line.text).replace(/\d+/g, '#')}`);
    for (const key of seen) repeats.set(key, (repeats.get(key) ?? 0) + 1);
  }
  const enough = Math.max(2, Math.ceil(pages.length / 2));
  const out = new Set<PageLine>();
  const kept = new Set<string>();
  for (const lines of margins) {
    for (const { line, top } of lines) {
      const words = compact(line.text);
      const key = `${top ? 'T' : 'B'}:${words.replace(/\d+/g, '#')}`;
      if (PAGE_NUMBER.test(words)) out.add(line);
      else if ((repeats.get(key) ?? 0) >= enough) {
        if (kept.has(key)) out.add(line);
        else kept.add(key);
      }
    }
  }
  return out;
}

/** The pages' lines as one text, furniture left out, with the page and box of every piece. */
export function assemblePages(pages: readonly LaidPage[]): PdfText {
  const furniture = furnitureOf(pages);
  const dropped: string[] = [];
  const spans: LayoutSpan[] = [];
  const pageStarts: number[] = [];
  let text = '';
  pages.forEach((page, p) => {
    if (p > 0) text += '\n';
    pageStarts.push(text.length);
    let first = true;
    for (const line of page.lines) {
      if (furniture.has(line)) {
        dropped.push(line.text);
        continue;
      }
      if (!first) text += '\n';
      first = false;
      const at = text.length;
      text += line.text;
      for (const s of line.spans) spans.push({ page: p, from: at + s.from, to: at + s.to, box: s.box });
    }
  });
  return { text, pageStarts, spans, furniture: dropped };
}
