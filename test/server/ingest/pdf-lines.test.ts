import { describe, expect, it } from 'vitest';
import { itemsToLines } from '../../../server/ingest/formats/pdf-lines';

const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, width: str.length * size, size });

describe('PDF items to lines', () => {
  it('puts items whose baselines agree on one line, top to bottom, left to right', () => {
    expect(itemsToLines([item('第二行', 0, 680), item('第一', 0, 700), item('行', 20, 701)])).toEqual(['第一行', '第二行']);
  });

  it('invents no space between Chinese characters that touch or nearly touch', () => {
    expect(itemsToLines([item('主动公开', 0, 700), item('信息', 42, 700)])).toEqual(['主动公开信息']);
  });

  it('separates table cells, a character or more apart, with a tab', () => {
    expect(itemsToLines([item('规章', 0, 700), item('1', 60, 700), item('2', 120, 700)])).toEqual(['规章\t1\t2']);
  });

  it('keeps a space between Latin words', () => {
    expect(itemsToLines([item('LED', 0, 700), item('屏', 34, 700), item('ICP', 60, 500), item('备案', 94, 500)])).toEqual([
      'LED屏',
      'ICP备案',
    ]);
  });
});
