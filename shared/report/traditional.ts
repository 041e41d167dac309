/**
 * Reports in traditional script (portals' 繁体版 pages, mirror sites) are read as what they are: each
 * character is read in its simplified form, one for one, so every figure still points at its place
 * in the original text. The conversion is OpenCC's (opencc-js), character by character: a page is
 * only converted when it is written in traditional script, so a simplified report's 著 or 乾 is
 * never touched.
 */
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 't', to: 'cn' });
const single = new Map<number, number>();

/** The simplified form of one character, or the character itself when it has none of one character. */
export function simplifiedChar(code: number): number {
  let s = single.get(code);
  if (s === undefined) {
    const out = toSimplified(String.fromCharCode(code));
    s = out.length === 1 ? out.charCodeAt(0) : code;
    single.set(code, s);
  }
  return s;
}

const isHan = (code: number) => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

/**
 * Whether a text is written in traditional script: at least 10 of its Chinese characters, and 3% of
 * them, have another simplified form (a simplified report has next to none: the few characters
 * both scripts share, such as 著, are well under that).
 */
export function isTraditional(text: string): boolean {
  let han = 0;
  let changed = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isHan(c)) continue;
    han++;
    if (simplifiedChar(c) !== c) changed++;
  }
  return changed >= 10 && changed >= han * 0.03;
}

/**
 * A pinyin reading a mirror site inserted after a character (`動態(tài)`, `規(guī)`): tone-marked
 * letters in brackets. Its length from `at` (an opening bracket), or 0.
 */
export function pinyinDebrisAt(text: string, at: number): number {
  const m = PINYIN.exec(text.slice(at, at + 12));
  return m ? m[0].length : 0;
}
const PINYIN = /^[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]/;
