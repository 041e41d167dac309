/**
 * Numbers of a table row glued together by text that lost its cell boundaries (a crawler's copy of
 * a web page: `801000081` for 80 | 1 | 0 | 0 | 0 | 0 | 81). A glued row is split only where the
 * row's own arithmetic (its 总计 cell) admits exactly one way; otherwise it is not read at all.
 */
import type { CellToken } from './table-tokens';

/** Whether a row's figures satisfy its rule (the 总计 of table 三, each group's 总计 of table 四). */
export type RowRule = (values: readonly number[]) => boolean;

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

/** Table 三: the six applicant columns add up to the 总计. */
export const applicantsAddUp: RowRule = (v) => v.length === 7 && sum(v.slice(0, 6)) === v[6];

/** Table 四: in each group of five, the first four add up to the fifth (总计). */
export const groupsAddUp: RowRule = (v) => {
  for (let g = 0; g + 5 <= v.length; g += 5) if (sum(v.slice(g, g + 4)) !== v[g + 4]) return false;
  return v.length > 0 && v.length % 5 === 0;
};

export type GluedSplit = { cells: CellToken[] } | { ambiguous: number } | null;

/** Ways looked at, at most, before a row is called ambiguous (a row of a few dozen digits). */
const BUDGET = 200_000;

/**
 * The one way to cut a row's cells into `n` numbers (no number but 0 starts with 0) that obeys
 * `rule`; `{ ambiguous }` when there are several (or too many to try); null when the row is not a
 * glued row of whole numbers, or no cut obeys the rule (then it is a row that lost a cell, or
 * one the report got wrong: read as any short row).
 */
export function splitGlued(cells: readonly CellToken[], n: number, rule: RowRule): GluedSplit {
  if (cells.length >= n || cells.length === 0) return null;
  if (cells.some((c) => c.value === null || c.unit !== null || !/^\d+$/.test(c.raw))) return null;
  const digits = cells.reduce((s, c) => s + c.raw.length, 0);
  if (digits < n || !cells.some((c) => c.raw.length > 1)) return null;
  const parts: { token: CellToken; from: number; to: number }[] = [];
  const found: (typeof parts)[] = [];
  let tried = 0;
  const walk = (t: number, at: number): void => {
    if (found.length > 1 || tried > BUDGET) return;
    tried++;
    if (t === cells.length) {
      if (parts.length === n && rule(parts.map((p) => Number(p.token.raw.slice(p.from, p.to))))) found.push([...parts]);
      return;
    }
    const raw = (cells[t] as CellToken).raw;
    if (at === raw.length) {
      walk(t + 1, 0);
      return;
    }
    // numbers left to place must fit the digits left
    const digitsLeft = raw.length - at + cells.slice(t + 1).reduce((s, c) => s + c.raw.length, 0);
    if (n - parts.length > digitsLeft || parts.length >= n) return;
    const maxLen = raw[at] === '0' ? 1 : raw.length - at;
    for (let len = 1; len <= maxLen; len++) {
      parts.push({ token: cells[t] as CellToken, from: at, to: at + len });
      walk(t, at + len);
      parts.pop();
    }
  };
  walk(0, 0);
  if (found.length === 0 && tried <= BUDGET) return null;
  if (found.length !== 1 || tried > BUDGET) return { ambiguous: tried > BUDGET ? Number.POSITIVE_INFINITY : found.length };
  return {
    cells: (found[0] as typeof parts).map(({ token, from, to }) => ({
      value: Number(token.raw.slice(from, to)),
      start: token.start + from,
      end: token.start + to,
      unit: null,
      raw: token.raw.slice(from, to),
    })),
  };
}
