/**
 * Tables of a PDF page read by position: the rules the table is drawn with give the row bands (between
 * horizontal rules) and the cells of each band (between vertical rules). Each text item goes to the
 * cell its centre lies in, so a row label that wraps round its numbers, a number that wraps inside a
 * narrow column (`14` / `2`), or a group label centred across several rows all land in the right
 * cell. A row is written as `| cell | cell | … |`, an empty cell as `|  |`. Pure layout: no PDF
 * engine here.
 */
import type { Box, Item, PageLine, TextSpan } from './pdf-geometry';

/** An axis-aligned line segment of the page, in page coordinates (y up). */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const SNAP = 1.5;

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - (out[out.length - 1] as number) > SNAP) out.push(v);
  return out;
}

interface Band {
  top: number;
  bottom: number;
  /** Column boundaries crossing this band, left to right. */
  xs: number[];
}

const horizontal = (r: Rule) => Math.abs(r.y1 - r.y2) <= 0.5 && Math.abs(r.x1 - r.x2) >= 4;
const vertical = (r: Rule) => Math.abs(r.x1 - r.x2) <= 0.5 && Math.abs(r.y1 - r.y2) >= 4;

/** Whether a horizontal rule at `y` crosses the column between x1 and x2. */
function ruledAt(hs: readonly Rule[], y: number, x1: number, x2: number): boolean {
  const mid = (x1 + x2) / 2;
  return hs.some((r) => Math.abs(r.y1 - y) <= SNAP && Math.min(r.x1, r.x2) <= mid + 0.5 && Math.max(r.x1, r.x2) >= mid - 0.5);
}

function bandsOf(rules: readonly Rule[]): { bands: Band[]; hs: Rule[] } {
  const hs = rules.filter(horizontal);
  const vs = rules.filter(vertical);
  const ys = cluster(hs.map((r) => r.y1)).reverse();
  const bands: Band[] = [];
  for (let i = 0; i + 1 < ys.length; i++) {
    const top = ys[i] as number;
    const bottom = ys[i + 1] as number;
    if (top - bottom < 4) continue;
    const mid = (top + bottom) / 2;
    const xs = cluster(vs.filter((v) => Math.min(v.y1, v.y2) <= mid && Math.max(v.y1, v.y2) >= mid).map((v) => v.x1));
    if (xs.length >= 3) bands.push({ top, bottom, xs });
  }
  return { bands, hs };
}

/** Estimated advance of a character: full width for CJK and full-width forms, half for ASCII. */
function advance(c: string, size: number): number {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/.test(c) ? size : size * 0.5;
}

/**
 * pdf.js joins text runs that sit close on one line into one item (`2．其他法律行政法规禁止公开 1`,
 * a label and the number in the next narrow column). Inside a table such an item is cut where it
 * crosses a column rule: at blanks and where letters turn into digits, at positions estimated from
 * the characters' widths (the blanks take what the characters leave of the item's width).
 */
function splitAcross(it: Item, xs: readonly number[]): Item[] {
  const inside = xs.filter((x) => x > it.x + 1 && x < it.x + it.width - 1);
  if (inside.length === 0) return [it];
  const pieces = it.str.match(/\s+|\d[\d.,]*|[^\s\d]+/g) ?? [it.str];
  const widths = pieces.map((p) => (/^\s+$/.test(p) ? 0 : [...p].reduce((w, c) => w + advance(c, it.size), 0)));
  const blanks = pieces.filter((p) => /^\s+$/.test(p)).length;
  const spare = Math.max(0, it.width - widths.reduce((a, b) => a + b, 0));
  const scale =
    blanks === 0 && spare === 0
      ? it.width /
        Math.max(
          1,
          widths.reduce((a, b) => a + b, 0),
        )
      : 1;
  const out: Item[] = [];
  let x = it.x;
  pieces.forEach((p, i) => {
    const w = /^\s+$/.test(p) ? spare / blanks : (widths[i] as number) * scale;
    if (!/^\s+$/.test(p)) out.push({ ...it, str: p, x, width: w });
    x += w;
  });
  // consecutive pieces that stay within one column go back together (一、本年新收… stays one label)
  const merged: Item[] = [];
  for (const piece of out) {
    const last = merged[merged.length - 1];
    const crossed = last && xs.some((b) => b > last.x + last.width / 2 && b < piece.x + piece.width / 2);
    if (last && !crossed)
      merged[merged.length - 1] = { ...last, str: last.str + piece.str, width: piece.x + piece.width - last.x };
    else merged.push(piece);
  }
  return merged;
}

/** A cell of a ruled table: its box (page coordinates, y up) and the band it starts in. */
export interface TableCell {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The cells of the ruled tables a page's rules draw, a merged cell once with its whole extent: for
 * a scanned page, each cell is then read on its own (see ocr.ts).
 */
export function tableCells(rules: readonly Rule[]): TableCell[] {
  const { bands, hs } = bandsOf(rules);
  const cells: TableCell[] = [];
  bands.forEach((band, b) => {
    for (let k = 0; k + 1 < band.xs.length; k++) {
      if (cellTop(bands, hs, b, k) !== b) continue;
      cells.push({
        left: band.xs[k] as number,
        right: band.xs[k + 1] as number,
        top: band.top,
        bottom: cellBottom(bands, hs, b, k),
      });
    }
  });
  return cells;
}

/**
 * Splits a page's items into table rows (written as `| cell | cell |` lines, each cell's span its
 * box) and the items outside any table, which the caller lays out as ordinary lines. Empty cells
 * before a row's label are what is left of a cell merged from the row above, or from the page
 * before: they are left out; an empty cell after the label is a blank cell and kept.
 */
export function tableRows(items: readonly Item[], rules: readonly Rule[]): { rows: PageLine[]; rest: Item[] } {
  const { bands, hs } = bandsOf(rules);
  if (bands.length === 0) return { rows: [], rest: [...items] };
  // cells: band index × column index → items; a cell's text belongs to the band its top rule is in
  const cells = new Map<string, Item[]>();
  const rest: Item[] = [];
  const allXs = cluster(bands.flatMap((b) => b.xs));
  const pieces = items.flatMap((it) => {
    const inBand = bands.some((b) => it.y + it.size * 0.3 <= b.top && it.y + it.size * 0.3 >= b.bottom);
    return inBand ? splitAcross(it, allXs) : [it];
  });
  for (const it of pieces) {
    const cx = it.x + it.width / 2;
    const cy = it.y + it.size * 0.3;
    const b = bands.findIndex(
      (band) =>
        cy <= band.top && cy >= band.bottom && cx >= (band.xs[0] as number) && cx <= (band.xs[band.xs.length - 1] as number),
    );
    if (b === -1) {
      rest.push(it);
      continue;
    }
    const band = bands[b] as Band;
    const col = band.xs.findIndex((x, k) => k + 1 < band.xs.length && cx >= x && cx <= (band.xs[k + 1] as number));
    const top = cellTop(bands, hs, b, col);
    const key = `${top}:${colKey(bands[top] as Band, band, col)}`;
    const list = cells.get(key) ?? [];
    list.push(it);
    cells.set(key, list);
  }
  const rows: PageLine[] = [];
  bands.forEach((band, b) => {
    const parts: { text: string; box: Box }[] = [];
    for (let k = 0; k + 1 < band.xs.length; k++) {
      if (cellTop(bands, hs, b, k) !== b) continue; // inside a cell merged from a band above
      const its = cells.get(`${b}:${colKey(band, band, k)}`) ?? [];
      parts.push({
        text: cellText(its),
        box: { x0: band.xs[k] as number, x1: band.xs[k + 1] as number, y0: cellBottom(bands, hs, b, k), y1: band.top },
      });
    }
    const labelAt = parts.findIndex((p) => p.text !== '' && !/^[-+]?[\d.,]+$/.test(p.text));
    let first = 0;
    while (first < labelAt && (parts[first] as { text: string }).text === '') first++;
    let text = '|';
    const spans: TextSpan[] = [];
    for (const part of parts.slice(first)) {
      text += ' ';
      spans.push({ from: text.length, to: text.length + part.text.length, box: part.box });
      text += `${part.text} |`;
    }
    rows.push({ y: band.top, text, spans, table: true });
  });
  return { rows, rest };
}

/** A column's identity by its left edge, comparable across bands whose boundaries differ. */
function colKey(ref: Band, band: Band, col: number): string {
  const x = band.xs[col] as number;
  const snapped = ref.xs.find((r) => Math.abs(r - x) <= SNAP) ?? x;
  return snapped.toFixed(0);
}

/** The band a cell starts in: walk up while no horizontal rule closes the column above. */
function cellTop(bands: readonly Band[], hs: readonly Rule[], b: number, col: number): number {
  const band = bands[b] as Band;
  const x1 = band.xs[col] as number;
  const x2 = band.xs[col + 1] as number;
  let top = b;
  while (top > 0) {
    const above = bands[top - 1] as Band;
    if (Math.abs(above.bottom - (bands[top] as Band).top) > SNAP) break;
    if (ruledAt(hs, (bands[top] as Band).top, x1, x2)) break;
    top--;
  }
  return top;
}

/** The bottom of the cell that starts in band `b`, column `col`: down while no rule closes it. */
function cellBottom(bands: readonly Band[], hs: readonly Rule[], b: number, col: number): number {
  const band = bands[b] as Band;
  const x1 = band.xs[col] as number;
  const x2 = band.xs[col + 1] as number;
  let last = b;
  while (last + 1 < bands.length) {
    const next = bands[last + 1] as Band;
    if (Math.abs(next.top - (bands[last] as Band).bottom) > SNAP || ruledAt(hs, next.top, x1, x2)) break;
    last++;
  }
  return (bands[last] as Band).bottom;
}

/** A cell's words: its lines top to bottom, each left to right, joined without spaces. */
function cellText(items: readonly Item[]): string {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  let text = '';
  for (const it of sorted) text += it.str.trim();
  return text;
}
