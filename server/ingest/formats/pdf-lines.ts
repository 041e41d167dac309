/** Text items of a PDF page, by position, into lines and table rows (no pdfjs here: pure layout). */

export interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export const MAX_PDF_PAGES = 300;

/** A line of a page: its baseline and its text. */
export interface PageLine {
  y: number;
  text: string;
}

/**
 * Groups a page's text items into lines (items whose baselines agree within a third of the font
 * size) and joins each line left to right: touching items directly (no space is invented between
 * Chinese characters), a gap of a character or more as a tab (a table cell boundary), and any
 * visible gap between two numbers as a tab too (two numbers in narrow columns are two cells).
 */
export function layoutLines(items: readonly Item[]): PageLine[] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const head = line?.[0];
    if (line && head && Math.abs(head.y - item.y) <= Math.max(2, Math.min(head.size, item.size) / 3)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of line) {
      const gap = item.x - end;
      const numbers = /\d$/.test(text) && /^\d/.test(item.str);
      if (text !== '' && (gap > item.size * 0.9 || (numbers && gap > item.size * 0.15))) text += '\t';
      else if (text !== '' && gap > item.size * 0.25 && /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(item.str)) text += ' ';
      text += item.str;
      end = item.x + item.width;
    }
    return { y: (line[0] as Item).y, text };
  });
}

export function itemsToLines(items: Item[]): string[] {
  return layoutLines(items).map((l) => l.text);
}
