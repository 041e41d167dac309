/**
 * A table drawn without rules: its columns are where the numbers of its full rows stand. A row
 * with fewer numbers than the full row next to it (a blank cell) is written as `| label | 5 |  | 0 |`
 * when each of its numbers stands under exactly one column of that row, so that every figure stays
 * in its column and the blank is a blank; otherwise it is left as it is (and a reader that cannot
 * place its numbers leaves the row unread). Pure layout.
 */
import { type Box, type PageLine, type TextSpan, union } from './pdf-geometry';

interface Cell {
  text: string;
  from: number;
  to: number;
  numeric: boolean;
  box: Box | null;
}

/** How far (lines) a short row looks for the full row whose columns it takes. */
const NEAR = 6;
/** A number stands under a column when its centre is within this share of the columns' spacing. */
const TOLERANCE = 0.4;

const NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?$/;

function cellsOf(line: PageLine): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  for (const part of line.text.split('\t')) {
    const to = from + part.length;
    const spans = line.spans.filter((s) => s.from < to && s.to > from);
    const box = spans.reduce<Box | null>((b, s) => (b ? union(b, s.box) : s.box), null);
    if (part.trim() !== '') cells.push({ text: part.trim(), from, to, numeric: NUMBER.test(part.trim()), box });
    from = to + 1;
  }
  return cells;
}

const centre = (b: Box) => (b.x0 + b.x1) / 2;

/** The numbers of a row as columns: their centres, left to right, when the row is label then numbers only. */
function columns(cells: readonly Cell[]): number[] | null {
  const first = cells.findIndex((c) => c.numeric);
  if (first === -1) return null;
  const numbers = cells.slice(first);
  if (numbers.some((c) => !c.numeric || !c.box)) return null;
  return numbers.map((c) => centre(c.box as Box));
}

/** Each of `xs` under a distinct column of `ref`, in order; null when one is not clearly under one. */
function place(xs: readonly number[], ref: readonly number[]): number[] | null {
  const gaps = ref.slice(1).map((x, i) => x - (ref[i] as number));
  const spacing = Math.min(...gaps);
  if (!(spacing > 0)) return null;
  const at: number[] = [];
  for (const x of xs) {
    let best = -1;
    for (let k = 0; k < ref.length; k++) if (Math.abs(x - (ref[k] as number)) < spacing * TOLERANCE) best = k;
    if (best === -1 || (at.length > 0 && best <= (at[at.length - 1] as number))) return null;
    at.push(best);
  }
  return at;
}

/** Rewrites the short rows of unruled tables with their blank cells; other lines unchanged. */
export function alignColumns(lines: readonly PageLine[]): PageLine[] {
  const cols = lines.map((l) => (l.table ? null : columns(cellsOf(l))));
  return lines.map((line, i) => {
    const mine = cols[i];
    if (!mine || mine.length < 1) return line;
    // the nearest full row: more numbers than this one, three at least
    let ref: number[] | null = null;
    for (let d = 1; d <= NEAR && !ref; d++) {
      for (const j of [i - d, i + d]) {
        const c = cols[j];
        if (c && c.length >= 3 && c.length > mine.length) {
          ref = c;
          break;
        }
      }
    }
    if (!ref) return line;
    const at = place(mine, ref);
    if (!at) return line;
    const cells = cellsOf(line);
    const first = cells.findIndex((c) => c.numeric);
    const label = cells.slice(0, first);
    const numbers = cells.slice(first);
    // `| label | a |  | c |`, each piece keeping its boxes
    let text = '|';
    const spans: TextSpan[] = [];
    const put = (c: Cell | null) => {
      text += ' ';
      if (c) {
        const shift = text.length - c.from;
        for (const s of line.spans)
          if (s.from >= c.from && s.to <= c.to) spans.push({ ...s, from: s.from + shift, to: s.to + shift });
        text += line.text.slice(c.from, c.to);
      }
      text += ' |';
    };
    if (label.length > 0) {
      const l: Cell = {
        text: '',
        from: (label[0] as Cell).from,
        to: (label[label.length - 1] as Cell).to,
        numeric: false,
        box: null,
      };
      put(l);
    }
    for (let k = 0; k < ref.length; k++) {
      const n = at.indexOf(k);
      put(n === -1 ? null : (numbers[n] as Cell));
    }
    return { ...line, text: text.replace(/\t/g, ' '), spans };
  });
}
