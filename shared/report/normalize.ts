import { MappedBuilder, type MappedText } from './mapped-text';
import { isTraditional, pinyinDebrisAt, simplifiedChar } from './traditional';

const NL = 10;
const SPACE = 32;
const TAB = 9;

export function isCjk(code: number): boolean {
  return (
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    code === 0x201c ||
    code === 0x201d
  );
}

/** One character's normal form: full-width ASCII to half-width, Kangxi radicals to ideographs. */
function normalChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f) return SPACE;
  if (code === 0x2212) return 0x2d; // minus sign
  if ((code >= 0x2f00 && code <= 0x2fdf) || (code >= 0x2e80 && code <= 0x2eff) || (code >= 0xf900 && code <= 0xfaff)) {
    const n = String.fromCharCode(code).normalize('NFKC');
    return n.length === 1 ? n.charCodeAt(0) : code;
  }
  return code;
}

function isDropped(code: number): boolean {
  return code === 0xfeff || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0x0c || code === 0;
}

// Page furniture printed between pages: "- 3 -", "— 3 —", "第 3 页 共 10 页", "3/10".
const PAGE_DEBRIS =
  /^[ \t]*(?:[-—–][ \t]*\d{1,4}[ \t]*[-—–]|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?|\d{1,4}[ \t]*\/[ \t]*\d{1,4})[ \t]*$/;

/**
 * Normalised text with its line structure kept: width and radical folding, CR/LF, invisible
 * characters and page debris removed, and spaces between two CJK characters dropped
 * (`本 年` → `本年`), a page in traditional script read in simplified characters and a mirror
 * site's pinyin (`動態(tài)`) dropped. Every character maps back to its original offset.
 */
export function normalize(original: string): MappedText {
  const out = new MappedBuilder();
  const n = original.length;
  // a page in traditional script is read in simplified characters, each at its original place
  const traditional = isTraditional(original);
  let lineStart = 0;
  while (lineStart <= n) {
    let lineEnd = original.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    const rawLine = original.slice(lineStart, lineEnd);
    const isDebris = rawLine.length < 40 && PAGE_DEBRIS.test(rawLine.replace(/[\uff0d\u2014]/g, '-'));
    if (!isDebris) {
      for (let i = lineStart; i < lineEnd; i++) {
        const raw = original.charCodeAt(i);
        if (raw === 13) {
          if (original.charCodeAt(i + 1) !== NL && i + 1 < lineEnd) out.push(NL, i);
          continue;
        }
        if (isDropped(raw) || (raw === 0x3f && isQuestionMarkDebris(original, i))) continue;
        if ((raw === 0x28 || raw === 0xff08) && i > lineStart && isCjk(original.charCodeAt(i - 1))) {
          // a mirror site's pinyin after a character (動態(tài)) is no part of the text
          const debris = pinyinDebrisAt(original, i);
          if (debris > 0) {
            i += debris - 1;
            continue;
          }
        }
        let code = normalChar(raw);
        if (traditional && isCjk(code)) code = simplifiedChar(code);
        if (code === SPACE || code === TAB) {
          out.push(code, i);
          continue;
        }
        if (isCjk(code)) dropSpacesAfterCjk(out);
        out.push(code, i);
      }
    }
    if (lineEnd < n) out.push(NL, lineEnd);
    lineStart = lineEnd + 1;
  }
  return out.build(n);
}

const DIGIT = /\d/;
const UNIT = /[条條篇件份期项項个個]/;

/**
 * An ASCII `?` a mirror site put for a character it could not copy, around a count (`共?1340條?，`):
 * right before a number after a character, or right after a number's unit. Not a question.
 */
function isQuestionMarkDebris(text: string, i: number): boolean {
  const prev = text[i - 1] ?? '';
  const next = text[i + 1] ?? '';
  if (DIGIT.test(next) && isCjk(prev.charCodeAt(0))) return true;
  return UNIT.test(prev) && DIGIT.test(text[i - 2] ?? '');
}

/** Removes a run of plain spaces just written when the character before the run is CJK. */
function dropSpacesAfterCjk(out: MappedBuilder): void {
  let j = out.length - 1;
  while (out.codeAt(j) === SPACE) j--;
  if (j === out.length - 1 || !isCjk(out.codeAt(j))) return;
  while (out.length - 1 > j) out.pop();
}

/** A short numbered title on a line of its own (`1.公开内容`): too short to be a wrapped line of prose. */
const NUMBERED_TITLE = /^[ \t]*\d{1,2}[.．、][ \t]*[\u4e00-\u9fff]{2,10}[ \t]*$/;
const HEADING_START = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\(?[一二三四五六七八九十]{1,3}[)、.,]|\([一二三四五六七八九十]{1,3}\))/;

/**
 * Prose view of a normalised range: line breaks inside a paragraph are removed so that text
 * wrapped mid-sentence or mid-number (`工作动态信息 34\n条`) reads as written. A break is kept
 * before a heading and after sentence-final punctuation.
 */
export function flow(mt: MappedText, start = 0, end = mt.text.length): MappedText {
  const out = new MappedBuilder();
  const t = mt.text;
  let i = start;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c !== NL) {
      out.push(c, mt.map[i] as number);
      i++;
      continue;
    }
    // a run of line breaks and blanks
    let j = i;
    while (j < end && (t.charCodeAt(j) === NL || t.charCodeAt(j) === SPACE || t.charCodeAt(j) === TAB)) j++;
    let prev = out.length - 1;
    while (out.codeAt(prev) === SPACE || out.codeAt(prev) === TAB) prev--;
    const prevCode = out.codeAt(prev);
    const nextLineEnd = t.indexOf('\n', j);
    const nextLine = t.slice(j, nextLineEnd === -1 || nextLineEnd > end ? end : nextLineEnd);
    const sentenceEnd = prevCode === 0x3002 || prevCode === 0x21 || prevCode === 0x3f || prevCode === 0x3b;
    // a sub-heading on a line of its own (`（三）政府信息管理`) is not continued by the next line
    const lineStart = t.lastIndexOf('\n', i - 1) + 1;
    const thisLine = t.slice(Math.max(lineStart, start), i);
    const headingLine =
      (HEADING_START.test(thisLine) && thisLine.trim().length <= 30 && !/[。；;，,:：]./.test(thisLine.trim())) ||
      NUMBERED_TITLE.test(thisLine);
    if (prevCode === -1 || j >= end || sentenceEnd || headingLine || HEADING_START.test(nextLine)) {
      out.push(NL, mt.map[i] as number);
    } else {
      while (out.length - 1 > prev) out.pop();
    }
    i = j;
  }
  return out.build(mt.map[end] as number);
}
