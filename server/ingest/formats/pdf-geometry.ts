/** The geometry a PDF page's text is laid out in: items, boxes, lines and where their pieces sit. */
import type { Box } from '../../db/layout';

export type { Box } from '../../db/layout';

export interface Item {
  str: string;
  /** Left end of the item and its baseline, page coordinates (y up). */
  x: number;
  y: number;
  width: number;
  /** Font size as drawn on the page (the text matrix applied), in page units. */
  size: number;
}

/** Where a piece of a line's text sits on the page: offsets [from, to) in the line's text. */
export interface TextSpan {
  from: number;
  to: number;
  box: Box;
}

/** A line of a page: its baseline (or a table row's top), its text, and where its pieces are. */
export interface PageLine {
  y: number;
  text: string;
  spans: TextSpan[];
  /** A row of a ruled table (written `| … |`): never page furniture. */
  table?: boolean;
}

/** The box of an item's glyphs: from a fifth of the size below the baseline to 0.85 above. */
export function itemBox(it: Item): Box {
  return { x0: it.x, x1: it.x + it.width, y0: it.y - it.size * 0.2, y1: it.y + it.size * 0.85 };
}

export function union(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}
