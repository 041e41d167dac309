/**
 * Text items of a PDF page, by position, into lines (no PDF engine here: pure layout). Reading order
 * comes from the geometry alone — baselines top to bottom, items left to right — never from the
 * order a producer wrote the page's content in.
 */
import { alignColumns } from './pdf-columns';
import { type Item, itemBox, type PageLine, type TextSpan, union } from './pdf-geometry';

export const MAX_PDF_PAGES = 300;

/**
 * Groups items into lines by their baselines: an item joins the line above when its baseline is
 * within a third of the smaller font size of the line's (never a box's height: some fonts declare
 * ascents taller than the line pitch, and their boxes overlap the next line's).
 */
export function groupLines(items: readonly Item[]): Item[][] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: Item[] }[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - item.y) <= Math.max(2, Math.min(line.size, item.size) / 3)) {
      line.items.push(item);
    } else {
      lines.push({ y: item.y, size: item.size, items: [item] });
    }
  }
  return lines.map((l) => l.items.sort((a, b) => a.x - b.x));
}

const DIGIT_END = /[\d.,]$/;
const DIGIT_START = /^[\d.,]/;

/**
 * Joins one line's items left to right: touching items directly (no space is invented between
 * Chinese characters), a gap of a character or more as a tab (a table cell boundary), and any
 * visible gap between two numbers as a tab too (two numbers in narrow columns are two cells). Each
 * run of digits and each run of words keeps its box.
 */
export function joinLine(line: readonly Item[]): { text: string; spans: TextSpan[] } {
  let text = '';
  const spans: TextSpan[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const item of line) {
    const gap = item.x - end;
    const numbers = /\d$/.test(text) && /^\d/.test(item.str);
    let separated = false;
    if (text !== '' && (gap > item.size * 0.9 || (numbers && gap > item.size * 0.15))) {
      text += '\t';
      separated = true;
    } else if (text !== '' && gap > item.size * 0.25 && /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(item.str)) {
      text += ' ';
      separated = true;
    }
    const from = text.length;
    text += item.str;
    const box = itemBox(item);
    const last = spans[spans.length - 1];
    const sameKind = last && DIGIT_END.test(text.slice(last.to - 1, last.to)) === DIGIT_START.test(item.str);
    if (last && !separated && last.to === from && sameKind) {
      last.to = text.length;
      last.box = union(last.box, box);
    } else {
      spans.push({ from, to: text.length, box });
    }
    end = item.x + item.width;
  }
  return { text, spans };
}

/**
 * A page's items as lines, top to bottom, each with where its pieces are; in a table drawn without
 * rules, a row short of numbers gets its blank cells from the columns of the full row beside it.
 */
export function layoutLines(items: readonly Item[]): PageLine[] {
  return alignColumns(groupLines(items).map((line) => ({ y: (line[0] as Item).y, ...joinLine(line) })));
}

export function itemsToLines(items: Item[]): string[] {
  return layoutLines(items).map((l) => l.text);
}
