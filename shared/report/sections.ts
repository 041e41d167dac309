import { SECTIONS, type SectionDef } from './template';

export interface SectionSpan {
  def: SectionDef;
  /** Offset of the heading line in the normalised text. */
  headingStart: number;
  /** Body: from after the heading line to the next found heading. */
  start: number;
  end: number;
}

export interface SectionSplit {
  found: SectionSpan[];
  missing: SectionDef[];
  outOfOrder: SectionDef[];
  byKey: Partial<Record<SectionDef['key'], SectionSpan>>;
}

interface Line {
  start: number;
  end: number;
  compact: string;
}

const NUMERAL_HEAD = /^(?:#{1,6})?([一二三四五六])[、.,]/;

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start < 80) {
      lines.push({ start, end, compact: text.slice(start, end).replace(/[\s*]+/g, '') });
    }
    start = end + 1;
  }
  return lines;
}

function isHeading(line: Line, def: SectionDef): boolean {
  const m = NUMERAL_HEAD.exec(line.compact);
  const rest = m ? line.compact.slice(m[0].length) : line.compact.replace(/^#{1,6}/, '');
  if (m && m[1] !== def.numeral) return false;
  // A heading line is short and names the section; a numeral-less one must start with its title.
  if (m) return rest.includes(def.match) && rest.length <= def.title.length + 6;
  return rest.startsWith(def.title) && rest.length <= def.title.length + 2;
}

/** Finds the six section headings in order; a heading out of order is still used, and reported. */
export function splitSections(text: string): SectionSplit {
  const lines = linesOf(text);
  const found: { def: SectionDef; line: Line }[] = [];
  const missing: SectionDef[] = [];
  const outOfOrder: SectionDef[] = [];
  let from = 0;
  for (const def of SECTIONS) {
    let idx = -1;
    for (let i = from; i < lines.length; i++) {
      if (isHeading(lines[i] as Line, def)) {
        idx = i;
        break;
      }
    }
    if (idx === -1) {
      for (let i = 0; i < from; i++) {
        if (isHeading(lines[i] as Line, def)) {
          idx = i;
          outOfOrder.push(def);
          break;
        }
      }
    } else {
      from = idx + 1;
    }
    if (idx === -1) missing.push(def);
    else found.push({ def, line: lines[idx] as Line });
  }
  const sorted = [...found].sort((a, b) => a.line.start - b.line.start);
  const spans: SectionSpan[] = sorted.map((f, i) => ({
    def: f.def,
    headingStart: f.line.start,
    start: Math.min(f.line.end + 1, text.length),
    end: i + 1 < sorted.length ? (sorted[i + 1] as { line: Line }).line.start : text.length,
  }));
  const byKey: SectionSplit['byKey'] = {};
  for (const s of spans) byKey[s.def.key] = s;
  return { found: spans, missing, outOfOrder, byKey };
}
