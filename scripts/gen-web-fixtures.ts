/**
 * Writes test/fixtures/web/: the non-zero variants of the samples (test/fixtures/text, known
 * tables) as real pages publish them, each with `<name>.expected.json` from this script's input,
 * never from the parser:
 *
 * - `<n>.word.html`: tables pasted from Word (mso styles, per-cell windowtext borders, values in
 *   `<p class=MsoNormal><span>`, `<o:p>`), some cells blank (expected null), values padded with
 *   &nbsp;, numbers split over two spans, header words one character a paragraph, table 三's
 *   labels in two columns in some of them;
 * - `<n>.glued.txt`: the text a crawler keeps of a page, where some rows lost their cell
 *   boundaries (`801000081` for 80 | 1 | 0 | 0 | 0 | 0 | 81): a row whose 总计 admits one way to
 *   cut its digits is expected read, one that admits several (or none) expected null. Which is
 *   which is counted here by trying every cut, independently of the parser.
 *
 * Run: npm run gen:fixtures:web
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './fixtures/known-tables';
import { pageHtml, reportHtml, type Tables } from './fixtures/report-html';
import { type WordPaste, withBlanks, wordTables } from './fixtures/word-html';

const ROOT = join(import.meta.dirname, '..');
const TEXT = join(ROOT, 'test', 'fixtures', 'text');
const OUT = join(ROOT, 'test', 'fixtures', 'web');

const NAMES = ['000', '001', '002', '003', '004'];
const ROWS = ['newReceived', 'carriedOver', 'granted', 'notHeld', 'total', 'carriedToNext'];

function pick<T>(items: readonly T[], next: () => number, n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T);
  return out;
}

/** Blank cells for a variant: a few of table 三's, one of table 二's, one of table 四's. */
function blanksFor(next: () => number): string[] {
  const cells = pick(ROWS, next, 3).map((row) => `applications.${row}[${Math.floor(next() * 7)}]`);
  cells.push(
    pick(
      ['article20.penalty.decisions', 'article20.normativeDocuments.inForce', 'article20.licensing.decisions'],
      next,
      1,
    )[0] as string,
  );
  cells.push(`reviewLitigation.litigationDirect[${Math.floor(next() * 5)}]`);
  return cells;
}

/** Every way to cut `digits` into `n` numbers (no number but 0 starts with 0) that `rule` accepts, up to 2. */
function cuts(digits: string, n: number, rule: (v: number[]) => boolean): number {
  let found = 0;
  const go = (at: number, parts: number[]) => {
    if (found > 1) return;
    if (at === digits.length) {
      if (parts.length === n && rule(parts)) found++;
      return;
    }
    if (parts.length === n) return;
    for (let end = at + 1; end <= digits.length; end++) {
      const s = digits.slice(at, end);
      if (s.length > 1 && s.startsWith('0')) break;
      go(end, [...parts, Number(s)]);
    }
  };
  go(0, []);
  return found;
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const applicantRule = (v: number[]) => sum(v.slice(0, 6)) === v[6];
const groupRule = (v: number[]) => [0, 5, 10].every((g) => sum(v.slice(g, g + 4)) === v[g + 4]);

mkdirSync(OUT, { recursive: true });
for (const [k, name] of NAMES.entries()) {
  const text = readFileSync(join(TEXT, `${name}.nonzero.txt`), 'utf8');
  const tables = JSON.parse(readFileSync(join(TEXT, `${name}.nonzero.expected.json`), 'utf8')) as Tables;
  const next = mulberry32(700 + k);

  // 1. pasted from Word
  const paste: WordPaste = {
    blanks: blanksFor(next),
    nbsp: k % 2 === 0,
    splitNumbers: k % 2 === 1,
    splitHeaders: k !== 2,
    twoLabelColumns: k % 3 === 1,
  };
  const { title, body } = reportHtml(text, tables, '2021', wordTables(tables, '2021', paste));
  writeFileSync(join(OUT, `${name}.word.html`), pageHtml(title, body));
  writeFileSync(
    join(OUT, `${name}.word.expected.json`),
    `${JSON.stringify({ paste, ...withBlanks(tables, paste.blanks) }, null, 2)}\n`,
  );

  // 2. a crawler's text with rows glued
  let glued = text;
  const expected = JSON.parse(JSON.stringify(tables)) as Tables & { glued: Record<string, 'split' | 'ambiguous'> };
  expected.glued = {};
  for (const row of ROWS) {
    const values = tables.applications[row] as number[];
    const re = new RegExp(`(?<![\\d.])${values.join('[ \\t]+')}(?![\\d.])`);
    if (!re.test(glued)) continue;
    glued = glued.replace(re, values.join(''));
    const ways = cuts(values.join(''), 7, applicantRule);
    expected.glued[row] = ways === 1 ? 'split' : 'ambiguous';
    if (ways !== 1) expected.applications[row] = values.map(() => null) as unknown as number[];
  }
  const rl = [
    ...tables.reviewLitigation.review,
    ...tables.reviewLitigation.litigationDirect,
    ...tables.reviewLitigation.litigationAfterReview,
  ];
  const reRl = new RegExp(`(?<![\\d.])${rl.join('[ \\t]+')}(?![\\d.])`);
  if (reRl.test(glued)) {
    glued = glued.replace(reRl, rl.join(''));
    const ways = cuts(rl.join(''), 15, groupRule);
    expected.glued.reviewLitigation = ways === 1 ? 'split' : 'ambiguous';
    if (ways !== 1) {
      const none = [null, null, null, null, null] as unknown as number[];
      expected.reviewLitigation = { review: none, litigationDirect: none, litigationAfterReview: none };
    }
  }
  writeFileSync(join(OUT, `${name}.glued.txt`), glued);
  writeFileSync(join(OUT, `${name}.glued.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
  console.log(`${name}: word blanks ${paste.blanks.join(', ')}; glued ${JSON.stringify(expected.glued)}`);
}
