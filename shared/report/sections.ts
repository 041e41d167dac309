import { SECTIONS, type SectionDef } from './template';

export interface SectionSpan {
  def: SectionDef;
  /** Offset of the heading in the normalised text. */
  headingStart: number;
  /** Body: from after the heading to the next found heading. */
  start: number;
  end: number;
}

export interface SectionSplit {
  found: SectionSpan[];
  missing: SectionDef[];
  outOfOrder: SectionDef[];
  /** Template sections found under another numeral (`六、存在的主要问题…` after an added 五). */
  renumbered: { def: SectionDef; numeral: string }[];
  /** Numbered headings the template does not have (`五、信息处理费收取情况`), as printed. */
  extra: { heading: string; start: number }[];
  byKey: Partial<Record<SectionDef['key'], SectionSpan>>;
}

/** A place a heading may start, and where its text runs to. */
interface HeadingCandidate {
  start: number;
  numeral: string | null;
  /** Heading text after the numeral, without blanks. */
  compact: string;
  /** Offset just past the heading line (or past the inline title). */
  lineEnd: number;
  /** The raw rest of the line after the numeral mark. */
  rest: string;
  restStart: number;
  /** Where the candidate's line starts. */
  lineStartAt: number;
}

/** Wordings section 一 goes by besides 总体情况. */
const SYNONYMS: Partial<Record<SectionDef['key'], readonly string[]>> = {
  overview: ['总体情况', '基本情况', '概述', '概况'],
};

// A numeral heading at a line start, or inline after a sentence end or a run of blanks
// (a web page flattened to one line: `…如下。 一、总体情况 2022年，…`).
// (`(?<![ \t])` lets a run of blanks start a match at its first blank only: no quadratic backtracking)
const NUMERAL_HEADING = /(?:^|(?<=[。；;！!？?:：])|(?<![ \t])[ \t]+)(?:#{1,6}[ \t]*)?([一二三四五六七八])[ \t]*[、.,．][ \t]*/gm;

const NUMERALS = '一二三四五六七八';

function candidates(text: string): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  for (const m of text.matchAll(NUMERAL_HEADING)) {
    // the heading starts at its Markdown marks or its numeral, after any blanks before it
    const numeralAt = m.index + (m[0].length - m[0].replace(/^[ \t]+/, '').length);
    const restStart = m.index + m[0].length;
    let lineEnd = text.indexOf('\n', restStart);
    if (lineEnd === -1) lineEnd = text.length;
    const rest = text.slice(restStart, Math.min(lineEnd, restStart + 120));
    const lineStartAt = text.lastIndexOf('\n', numeralAt - 1) + 1;
    const before = text.slice(lineStartAt, numeralAt).replace(/[\s#]+/g, '');
    out.push({
      start: numeralAt,
      numeral: m[1] as string,
      compact: rest.replace(/[\s*]+/g, ''),
      lineEnd,
      rest,
      restStart,
      lineStartAt: before === '' ? numeralAt : lineStartAt,
    });
  }
  // numeral-less heading lines: `总体情况`, `主动公开政府信息情况`
  let s = 0;
  while (s < text.length) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = text.length;
    const compact = e - s <= 48 ? text.slice(s, e).replace(/[\s*#]+/g, '') : '';
    if (compact.length > 0 && compact.length <= 20 && !/^[一二三四五六]/.test(compact)) {
      out.push({ start: s, numeral: null, compact, lineEnd: e, rest: text.slice(s, e), restStart: s, lineStartAt: s });
      // a heading line with a speck before its numeral (OCR reads a mark on the scan: `人六、其他…`)
      const speck = /^[^一二三四五六\d（(]([一二三四五六])[、.,．]/.exec(compact);
      if (speck) {
        const at = text.indexOf(speck[1] as string, s);
        out.push({
          start: s,
          numeral: speck[1] as string,
          compact: compact.slice(3),
          lineEnd: e,
          rest: text.slice(at + 2, e),
          restStart: at + 2,
          lineStartAt: s,
        });
      }
    }
    s = e + 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A numbered heading stands at a line start (not inline after a sentence). */
function lineStartOf(c: HeadingCandidate): number {
  return c.lineStartAt;
}

/** Where the heading of `def` ends in this candidate, or -1 when the candidate is not that heading. */
function headingEnd(c: HeadingCandidate, def: SectionDef): number {
  const words = SYNONYMS[def.key] ?? [def.match];
  if (c.numeral === null) {
    const ok = words.some((w) => c.compact.startsWith(w)) && c.compact.length <= def.title.length + 2;
    return ok ? c.lineEnd : -1;
  }
  if (c.numeral !== def.numeral) {
    // under another numeral only as a heading line of its own that starts with the title's words
    const own = words.some((w) => c.compact.startsWith(w)) && c.compact.length <= def.title.length + 4;
    return own && c.start === lineStartOf(c) ? c.lineEnd : -1;
  }
  for (const w of words) {
    const at = c.compact.indexOf(w);
    if (at === -1 || at > 8) continue;
    // a heading line of its own
    if (c.compact.length <= Math.max(def.title.length, w.length) + 8) return c.lineEnd;
    // an inline heading: the title's words, then a blank or a full stop before the body
    const pattern = new RegExp(`^[^\\n]{0,16}?${[...w].join('[ \\t]*')}[^\\s。]{0,12}?(?:[ \\t]+|。)`);
    const inline = pattern.exec(c.rest);
    if (inline) return c.restStart + inline[0].length;
  }
  return -1;
}

/**
 * Finds the six section headings in order; a heading out of order is still used, and reported. A
 * numbered heading line the template does not have, numbered next after the section before it
 * (`五、信息处理费收取情况` between 四 and `六、存在的主要问题…`), ends that section and is reported.
 */
export function splitSections(text: string): SectionSplit {
  const cands = candidates(text);
  const found: { def: SectionDef; start: number; bodyStart: number; numeral: string | null }[] = [];
  const missing: SectionDef[] = [];
  const outOfOrder: SectionDef[] = [];
  let from = 0;
  for (const def of SECTIONS) {
    let hit: { start: number; bodyStart: number; numeral: string | null } | null = null;
    // a heading under its own numeral first, then one renumbered
    for (const own of [true, false]) {
      for (const c of cands) {
        if (c.start < from || (own && c.numeral !== null && c.numeral !== def.numeral)) continue;
        const end = headingEnd(c, def);
        if (end !== -1) {
          hit = { start: c.start, bodyStart: end, numeral: c.numeral };
          break;
        }
      }
      if (hit) break;
    }
    if (hit) {
      from = hit.bodyStart;
    } else {
      for (const c of cands) {
        if (c.start >= from) break;
        const end = headingEnd(c, def);
        if (end !== -1 && !found.some((f) => f.start === c.start)) {
          hit = { start: c.start, bodyStart: end, numeral: c.numeral };
          outOfOrder.push(def);
          break;
        }
      }
    }
    if (hit) found.push({ def, ...hit });
    else missing.push(def);
  }
  const renumbered = found
    .filter((f) => f.numeral !== null && f.numeral !== f.def.numeral)
    .map((f) => ({ def: f.def, numeral: f.numeral as string }));
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const extra = extraHeadings(text, cands, sorted);
  const bounds = [...sorted.map((f) => f.start), ...extra.map((x) => x.start)].sort((a, b) => a - b);
  const spans: SectionSpan[] = sorted.map((f) => ({
    def: f.def,
    headingStart: f.start,
    start: Math.min(text[f.bodyStart] === '\n' ? f.bodyStart + 1 : f.bodyStart, text.length),
    end: bounds.find((b) => b > f.start) ?? text.length,
  }));
  const byKey: SectionSplit['byKey'] = {};
  for (const s of spans) byKey[s.def.key] = s;
  return { found: spans, missing, outOfOrder, renumbered, extra, byKey };
}

/**
 * Numbered heading lines of their own (at most 20 characters) that are no section of the template,
 * each numbered next after the heading before it, and before the next found section's numeral.
 */
function extraHeadings(
  text: string,
  cands: readonly HeadingCandidate[],
  found: readonly { start: number; numeral: string | null; def: SectionDef }[],
): { heading: string; start: number }[] {
  const out: { heading: string; start: number }[] = [];
  const rank = (n: string | null) => (n === null ? -1 : NUMERALS.indexOf(n));
  let last = -1;
  let f = 0;
  for (const c of cands) {
    while (f < found.length && (found[f] as { start: number }).start <= c.start) {
      const g = found[f] as { numeral: string | null; def: SectionDef };
      last = rank(g.numeral ?? g.def.numeral);
      f++;
    }
    if (c.numeral === null || c.lineStartAt !== c.start || c.compact.length > 20) continue;
    if (found.some((g) => g.start === c.start) || last === -1 || rank(c.numeral) !== last + 1) continue;
    const next = found[f];
    if (next && next.numeral !== null && rank(next.numeral) <= rank(c.numeral)) continue;
    out.push({ heading: text.slice(c.start, c.lineEnd).trim(), start: c.start });
    last = rank(c.numeral);
  }
  return out;
}
