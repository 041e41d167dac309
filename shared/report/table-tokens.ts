/**
 * Reads a table region as a stream: label text with every blank removed (so a label broken over
 * lines or by stray spaces still matches) and, between the labels, cell tokens — numbers and
 * explicit blanks (`—`, `/`, `无`). Row-number prefixes (`1．属于国家秘密`) are label text.
 */

export const NUM = '\u0001';
export const BLANK = '\u0002';

export interface CellToken {
  /** null for an explicit blank cell. */
  value: number | null;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** The unit typed into the cell, when any (`元`, `万元`, `件`). */
  unit: string | null;
  raw: string;
}

export interface TokenStream {
  /** Labels with blanks removed; each cell is one NUM or BLANK character. */
  compact: string;
  /** For each compact character: a token index for NUM/BLANK, else -1. */
  tokenAt: Int32Array;
  tokens: CellToken[];
}

const NUMBER_AT = /[+-]?\d+(?:\.\d+)?/y;
const UNIT_AT = /[ \t]*(万元|元|件|个|条|项|宗)/y;
const PREFIX_AFTER = /[ \t]*[.、][ \t]*[\u3400-\u9fff“"（(]/y;
/**
 * Row numbers as OCR and hurried typists write them: `1，属于…`, `3.，其他`, `5属于…`. Only a single
 * digit at the start of a cell, so a count followed by a comma in a sentence stays a count.
 */
const LOOSE_PREFIX_AFTER = /(?:[ \t]*[.、,][ \t]*)*(?![件个条项宗元万年月日次人家])[\u3400-\u9fff“"（(]/y;
const BLANK_AT = /(?:——|—|–|-|－|\/|／|\\|无)(?=[\s|]|$)/y;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '|';
}

/**
 * An explicitly empty cell of a `|` table: `| |` or `||` on one line, or, in tables written one
 * cell a line (`0 |`), a line holding only `|` after a line that ends with one.
 */
function isEmptyCell(text: string, start: number, at: number, end: number): boolean {
  let j = at - 1;
  while (j >= start && (text[j] === ' ' || text[j] === '\t')) j--;
  if (text[j] === '|') return true;
  if (j >= start && text[j] !== '\n') return false;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd === -1 || lineEnd > end) lineEnd = end;
  if (text.slice(at + 1, lineEnd).trim() !== '') return false;
  let k = j - 1;
  while (k >= start && /\s/.test(text[k] as string)) k--;
  return text[k] === '|';
}

export function tokenize(text: string, start: number, end: number): TokenStream {
  const compact: string[] = [];
  const tokenAt: number[] = [];
  const tokens: CellToken[] = [];
  let i = start;
  while (i < end) {
    const c = text[i] as string;
    if (c === '|' && isEmptyCell(text, start, i, end)) {
      tokens.push({ value: null, start: i, end: i + 1, unit: null, raw: '' });
      compact.push(BLANK);
      tokenAt.push(tokens.length - 1);
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const prev = i > 0 ? (text[i - 1] as string) : '\n';
    const boundary = isSpace(prev) || prev === ':';
    if ((c >= '0' && c <= '9') || ((c === '+' || c === '-') && /\d/.test(text[i + 1] ?? ''))) {
      NUMBER_AT.lastIndex = i;
      const m = NUMBER_AT.exec(text);
      if (m) {
        const numEnd = i + m[0].length;
        PREFIX_AFTER.lastIndex = numEnd;
        let isRowNumber = !m[0].includes('.') && PREFIX_AFTER.test(text);
        if (!isRowNumber && m[0].length === 1 && m[0] !== '0' && (prev === '|' || isSpace(prev) || i === start)) {
          LOOSE_PREFIX_AFTER.lastIndex = numEnd;
          isRowNumber = LOOSE_PREFIX_AFTER.test(text);
        }
        const isArticleRef = prev === '第' || (prev === '(' && text[numEnd] === ')');
        if (!isRowNumber && !isArticleRef && numEnd <= end) {
          UNIT_AT.lastIndex = numEnd;
          const u = UNIT_AT.exec(text);
          const tokenEnd = u && numEnd + u[0].length <= end ? numEnd + u[0].length : numEnd;
          tokens.push({
            value: Number(m[0]),
            start: i,
            end: tokenEnd,
            unit: u && tokenEnd > numEnd ? (u[1] as string) : null,
            raw: text.slice(i, tokenEnd),
          });
          compact.push(NUM);
          tokenAt.push(tokens.length - 1);
          i = tokenEnd;
          continue;
        }
        for (let k = i; k < numEnd; k++) {
          compact.push(text[k] as string);
          tokenAt.push(-1);
        }
        i = numEnd;
        continue;
      }
    }
    if (boundary) {
      BLANK_AT.lastIndex = i;
      const b = BLANK_AT.exec(text);
      if (b && i + b[0].length <= end) {
        tokens.push({ value: null, start: i, end: i + b[0].length, unit: null, raw: b[0] });
        compact.push(BLANK);
        tokenAt.push(tokens.length - 1);
        i += b[0].length;
        continue;
      }
    }
    compact.push(c);
    tokenAt.push(-1);
    i++;
  }
  return { compact: compact.join(''), tokenAt: Int32Array.from(tokenAt), tokens };
}

/** Cell tokens whose compact position lies in [from, to). */
export function cellsBetween(ts: TokenStream, from: number, to: number): CellToken[] {
  const cells: CellToken[] = [];
  for (let k = from; k < to; k++) {
    const t = ts.tokenAt[k] as number;
    if (t >= 0) cells.push(ts.tokens[t] as CellToken);
  }
  return cells;
}
