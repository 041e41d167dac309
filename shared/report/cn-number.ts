const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  o: 0,
  O: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8 };

export const CN_NUMERAL_CHARS = '〇零一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿';

/**
 * Reads a Chinese numeral: positional (`十二`, `一百零五`, `一万零三百`) or digit by digit
 * (`二〇二四`). Returns null for anything that is not a well-formed numeral.
 */
export function parseChineseNumber(input: string): number | null {
  const s = input.trim();
  if (s.length === 0) return null;
  const hasUnit = [...s].some((c) => c in SMALL_UNITS || c in BIG_UNITS);
  if (!hasUnit) {
    let v = 0;
    for (const c of s) {
      const d = DIGITS[c];
      if (d === undefined) return null;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Number.POSITIVE_INFINITY;
  let lastBig = Number.POSITIVE_INFINITY;
  for (const c of s) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (d === 0) continue; // 零 only marks a skipped place: 一百零五
      if (digit !== null) return null;
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[c];
    if (small !== undefined) {
      if (small >= lastSmall) return null;
      section += (digit ?? 1) * small;
      digit = null;
      lastSmall = small;
      continue;
    }
    const big = BIG_UNITS[c];
    if (big !== undefined) {
      if (big >= lastBig) return null;
      total += (section + (digit ?? 0)) * big;
      section = 0;
      digit = null;
      lastSmall = Number.POSITIVE_INFINITY;
      lastBig = big;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}
