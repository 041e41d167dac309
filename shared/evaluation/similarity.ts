/**
 * How much of one report's prose is found in another's: the share of its characters that lie in a
 * run of SHINGLE characters also written in the other (letters only: blanks, punctuation and
 * digits are left out, so a copy with this year's figures and dates put in is still a copy).
 *
 * Exact sets rather than MinHash: a county compares a few dozen reports of a few thousand
 * characters, which exact sets do in milliseconds, and the shared passages they find are the ones
 * the side-by-side view highlights.
 */

export const SHINGLE = 10;
/** Prose shorter than this (letters) is not compared: 无 or one boilerplate line says nothing. */
export const MIN_LETTERS = 120;

export interface Prose {
  /** The letters kept, in order. */
  letters: string;
  /** For each kept letter, its offset in the original text. */
  at: number[];
  shingles: Set<string>;
}

const KEPT = /[\p{Script=Han}A-Za-z]/u;

export function prose(text: string): Prose {
  let letters = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (KEPT.test(c)) {
      letters += c;
      at.push(i);
    }
  }
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= letters.length; i++) shingles.add(letters.slice(i, i + SHINGLE));
  return { letters, at, shingles };
}

/** Which of `a`'s letters lie in a shingle that `b` also has. */
export function sharedLetters(a: Prose, b: Prose): Uint8Array {
  const covered = new Uint8Array(a.letters.length);
  let coverEnd = 0;
  for (let i = 0; i + SHINGLE <= a.letters.length; i++) {
    if (!b.shingles.has(a.letters.slice(i, i + SHINGLE))) continue;
    for (let j = Math.max(i, coverEnd); j < i + SHINGLE; j++) covered[j] = 1;
    coverEnd = i + SHINGLE;
  }
  return covered;
}

/** The share (0–1) of `a`'s prose found in `b`; null when either is too short to judge. */
export function containment(a: Prose, b: Prose): number | null {
  if (a.letters.length < MIN_LETTERS || b.letters.length < MIN_LETTERS) return null;
  const covered = sharedLetters(a, b);
  let n = 0;
  for (const c of covered) n += c;
  return n / a.letters.length;
}

/** `text` cut into runs that are or are not found in `other` (for highlighting the shared passages). */
export function segments(text: string, other: Prose): { text: string; shared: boolean }[] {
  const p = prose(text);
  const covered = sharedLetters(p, other);
  // a character is shared when the letters on both sides of it are (punctuation inside a copied passage)
  const flag = new Uint8Array(text.length);
  for (let k = 0; k < p.at.length; k++) if (covered[k]) flag[p.at[k] as number] = 1;
  for (let k = 0; k + 1 < p.at.length; k++) {
    if (covered[k] && covered[k + 1]) for (let i = (p.at[k] as number) + 1; i < (p.at[k + 1] as number); i++) flag[i] = 1;
  }
  const out: { text: string; shared: boolean }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || flag[i] !== flag[start]) {
      out.push({ text: text.slice(start, i), shared: flag[start] === 1 });
      start = i;
    }
  }
  return out;
}

/** The prose compared: sections 一 (总体情况), 五 (问题和改进) and 六 (其他事项). */
export function reportProse(sections: { overview?: string; problems: string; improvements: string; other: string }): string {
  return [sections.overview ?? '', sections.problems, sections.improvements, sections.other].join('\n');
}

/**
 * `containment(a, b)` for every pair of `items` that `compare(a, b)` allows, found through an index of
 * shingles → items: only pairs that share a shingle cost anything, so a county of dissimilar
 * reports costs about the sum of their lengths rather than the square of their number. Pairs with
 * nothing in common are left out (their share is 0); prose too short to judge is left out too.
 */
export function containments<T>(items: readonly { key: T; prose: Prose }[], compare: (a: T, b: T) => boolean) {
  const judged = items.filter((x) => x.prose.letters.length >= MIN_LETTERS);
  const index = new Map<string, number[]>();
  judged.forEach((x, n) => {
    for (const s of x.prose.shingles) {
      const list = index.get(s);
      if (list) list.push(n);
      else index.set(s, [n]);
    }
  });
  const out: { a: T; b: T; ratio: number }[] = [];
  // per other item: letters covered so far, where its last covered run ends, and whether it is compared
  const count = new Int32Array(judged.length);
  const end = new Int32Array(judged.length);
  const state = new Int8Array(judged.length); // 0 not seen, 1 compared, -1 not compared
  const touched: number[] = [];
  judged.forEach((a, n) => {
    const letters = a.prose.letters;
    for (let i = 0; i + SHINGLE <= letters.length; i++) {
      const holders = index.get(letters.slice(i, i + SHINGLE));
      if (!holders) continue;
      for (const m of holders) {
        if (m === n) continue;
        if (state[m] === 0) {
          state[m] = compare(a.key, (judged[m] as { key: T }).key) ? 1 : -1;
          touched.push(m);
        }
        if (state[m] === -1) continue;
        count[m] = (count[m] as number) + i + SHINGLE - Math.max(i, end[m] as number);
        end[m] = i + SHINGLE;
      }
    }
    for (const m of touched) {
      if (state[m] === 1) out.push({ a: a.key, b: (judged[m] as { key: T }).key, ratio: (count[m] as number) / letters.length });
      count[m] = 0;
      end[m] = 0;
      state[m] = 0;
    }
    touched.length = 0;
  });
  return out;
}
