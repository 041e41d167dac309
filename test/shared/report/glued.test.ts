import { describe, expect, it } from 'vitest';
import { applicantsAddUp, groupsAddUp, splitGlued } from '../../../shared/report/glued';
import type { CellToken } from '../../../shared/report/table-tokens';

/** Cell tokens as the tokenizer gives them for `raws` written one after another, a blank apart. */
function tokens(...raws: string[]): CellToken[] {
  let at = 100;
  return raws.map((raw) => {
    const t = { value: Number(raw), start: at, end: at + raw.length, unit: null, raw };
    at += raw.length + 1;
    return t;
  });
}
const values = (r: ReturnType<typeof splitGlued>) => (r && 'cells' in r ? r.cells.map((c) => c.value) : r);

describe('glued digits', () => {
  it('cut where the 总计 admits one way only: 801000081 is 80 1 0 0 0 0 81, each from its own digits', () => {
    const r = splitGlued(tokens('801000081'), 7, applicantsAddUp);
    expect(values(r)).toEqual([80, 1, 0, 0, 0, 0, 81]);
    expect(r && 'cells' in r ? r.cells.map((c) => [c.start, c.end]) : null).toEqual([
      [100, 102],
      [102, 103],
      [103, 104],
      [104, 105],
      [105, 106],
      [106, 107],
      [107, 109],
    ]);
  });

  it('are not read when two cuts both add up: 110000011 is 1 10 … 11 or 11 0 … 11', () => {
    expect(splitGlued(tokens('110000011'), 7, applicantsAddUp)).toEqual({ ambiguous: 2 });
  });

  it('leave a row alone that no cut makes add up, or that has no number of two digits', () => {
    expect(splitGlued(tokens('5', '1', '0', '6', '4', '22'), 7, applicantsAddUp)).toBeNull();
    expect(splitGlued(tokens('1', '0', '0', '0', '0', '1'), 7, applicantsAddUp)).toBeNull();
  });

  it('cut table 四 by each group’s 总计', () => {
    // 1 0 0 0 1 | 0 0 0 0 0 | 2 0 1 0 3, the first group glued, the rest apart
    const r = splitGlued(tokens('10001', '0', '0', '0', '0', '0', '2', '0', '1', '0', '3'), 15, groupsAddUp);
    expect(values(r)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 1, 0, 3]);
  });
});
