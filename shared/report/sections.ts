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
}

/** Wordings section 一 goes by besides 总体情况. */
const SYNONYMS: Partial<Record<SectionDef['key'], readonly string[]>> = {
  overview: ['总体情况', '基本情况', '概述', '概况'],
};

// A numeral heading at a line start, or inline after a sentence end or a run of blanks
// (a web page flattened to one line: `…如下。 一、总体情况 2022年，…`).
// (`(?<![ \t])` lets a run of blanks start a match at its first blank only: no quadratic backtracking)
const NUMERAL_HEADING = /(?:^|(?<=[。；;！!？?:：])|(?<![ \t])[ \t]+)(?:#{1,6}[ \t]*)?([一二三四五六])[ \t]*[、.,．][ \t]*/gm;

function candidates(text: string): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  for (const m of text.matchAll(NUMERAL_HEADING)) {
    // the heading starts at its Markdown marks or its numeral, after any blanks before it
    const numeralAt = m.index + (m[0].length - m[0].replace(/^[ \t]+/, '').length);
    const restStart = m.index + m[0].length;
    let lineEnd = text.indexOf('\n', restStart);
    if (lineEnd === -1) lineEnd = text.length;
    const rest = text.slice(restStart, Math.min(lineEnd, restStart + 120));
    out.push({ start: numeralAt, numeral: m[1] as string, compact: rest.replace(/[\s*]+/g, ''), lineEnd, rest, restStart });
  }
  // numeral-less heading lines: `总体情况`, `主动公开政府信息情况`
  let s = 0;
  while (s < text.length) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = text.length;
    const compact = e - s <= 48 ? text.slice(s, e).replace(/[\s*#]+/g, '') : '';
    if (compact.length > 0 && compact.length <= 20 && !/^[一二三四五六]/.test(compact)) {
      out.push({ start: s, numeral: null, compact, lineEnd: e, rest: text.slice(s, e), restStart: s });
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
        });
      }
    }
    s = e + 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Where the heading of `def` ends in this candidate, or -1 when the candidate is not that heading. */
function headingEnd(c: HeadingCandidate, def: SectionDef): number {
  const words = SYNONYMS[def.key] ?? [def.match];
  if (c.numeral === null) {
    const ok = words.some((w) => c.compact.startsWith(w)) && c.compact.length <= def.title.length + 2;
    return ok ? c.lineEnd : -1;
  }
  if (c.numeral !== def.numeral) return -1;
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

/** Finds the six section headings in order; a heading out of order is still used, and reported. */
export function splitSections(text: string): SectionSplit {
  const cands = candidates(text);
  const found: { def: SectionDef; start: number; bodyStart: number }[] = [];
  const missing: SectionDef[] = [];
  const outOfOrder: SectionDef[] = [];
  let from = 0;
  for (const def of SECTIONS) {
    let hit: { start: number; bodyStart: number } | null = null;
    for (const c of cands) {
      if (c.start < from) continue;
      const end = headingEnd(c, def);
      if (end !== -1) {
        hit = { start: c.start, bodyStart: end };
        break;
      }
    }
    if (hit) {
      from = hit.bodyStart;
    } else {
      for (const c of cands) {
        if (c.start >= from) break;
        const end = headingEnd(c, def);
        if (end !== -1 && !found.some((f) => f.start === c.start)) {
          hit = { start: c.start, bodyStart: end };
          outOfOrder.push(def);
          break;
        }
      }
    }
    if (hit) found.push({ def, ...hit });
    else missing.push(def);
  }
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const spans: SectionSpan[] = sorted.map((f, i) => ({
    def: f.def,
    headingStart: f.start,
    start: Math.min(text[f.bodyStart] === '\n' ? f.bodyStart + 1 : f.bodyStart, text.length),
    end: i + 1 < sorted.length ? (sorted[i + 1] as { start: number }).start : text.length,
  }));
  const byKey: SectionSplit['byKey'] = {};
  for (const s of spans) byKey[s.def.key] = s;
  return { found: spans, missing, outOfOrder, byKey };
}
