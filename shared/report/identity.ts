import { parseChineseNumber } from './cn-number';
import type { ParseContext } from './context';
import type { MappedText } from './mapped-text';
import { aliasesOf, type OrgName, parseOrgName, sameOrg } from './org-name';
import type { ParsedReport } from './types';

interface Line {
  start: number;
  end: number;
  text: string;
}

function lines(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  let s = from;
  while (s < to) {
    let e = text.indexOf('\n', s);
    if (e === -1 || e > to) e = to;
    const t = text.slice(s, e);
    if (t.trim().length > 0) out.push({ start: s, end: e, text: t });
    s = e + 1;
  }
  return out;
}

const CN_YEAR = '[〇零一二三四五六七八九]{4}';
const CN_SMALL = '[一二三四五六七八九十]{1,3}';
const DATE = new RegExp(
  `((?:19|20)\\d{2}|${CN_YEAR})\\s*年\\s*(\\d{1,2}|${CN_SMALL})\\s*月\\s*(\\d{1,2}|${CN_SMALL})\\s*日` +
    '|((?:19|20)\\d{2})[-./](\\d{1,2})[-./](\\d{1,2})(?!\\d)',
);

function num(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumber(s);
}

export interface FoundDate {
  iso: string;
  year: number;
  start: number;
  end: number;
}

export function readDate(text: string): FoundDate | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const y = num((m[1] ?? m[4]) as string);
  const mo = num((m[2] ?? m[5]) as string);
  const d = num((m[3] ?? m[6]) as string);
  if (y === null || mo === null || d === null || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== d) return null;
  return { iso, year: y, start: m.index, end: m.index + m[0].length };
}

const SIGNATURE = /(?:人民政府|政府|办事处|局|委员会|委|中心|院)$/;

/** The signing organisation and the date under it, read from the end of the report. */
function readSignature(norm: string, tailFrom: number) {
  const tail = lines(norm, tailFrom, norm.length).slice(-8);
  let org: { name: OrgName; line: Line } | null = null;
  let date: { date: FoundDate; line: Line } | null = null;
  for (let i = tail.length - 1; i >= 0; i--) {
    const line = tail[i] as Line;
    const compact = line.text.replace(/\s+/g, '');
    if (compact.length > 40) continue;
    const d = readDate(line.text);
    if (d && !/印发/.test(compact) && compact.length <= d.end - d.start + 4) {
      date = { date: { ...d, start: d.start + line.start, end: d.end + line.start }, line };
      continue;
    }
    const next = tail[i + 1];
    const printedBy = next !== undefined && /印发\s*$/.test(next.text);
    if (!/\d/.test(compact) && SIGNATURE.test(compact) && !printedBy) {
      const parsed = parseOrgName(compact);
      if (parsed) {
        org = { name: parsed, line };
        break;
      }
    }
  }
  // A date printed only on an 印发 line is still the publication date.
  if (!date) {
    for (let i = tail.length - 1; i >= 0; i--) {
      const line = tail[i] as Line;
      const d = readDate(line.text);
      if (d && /印发/.test(line.text)) {
        date = { date: { ...d, start: d.start + line.start, end: d.end + line.start }, line };
        break;
      }
    }
  }
  return { org, date };
}

/** The report's title: its first short lines, up to the words 年度报告 or the first heading. */
function readTitle(norm: string) {
  const head = lines(norm, 0, Math.min(norm.length, 400)).slice(0, 3);
  let title = '';
  let spanStart = -1;
  let spanEnd = -1;
  for (const line of head) {
    const compact = line.text.replace(/[\s#*]+/g, '');
    if (/^[一二三四五六][、.]/.test(compact) || compact.length > 60) break;
    title += compact;
    if (spanStart === -1) spanStart = line.start;
    spanEnd = line.end;
    if (/年度?报告$/.test(compact)) break;
  }
  const year = new RegExp(`((?:19|20)\\d{2}|${CN_YEAR})\\s*年?度?`).exec(title);
  const withoutYear = title.replace(new RegExp(`((?:19|20)\\d{2}|${CN_YEAR})年?度?`, 'g'), '');
  const namePart = /^(.*?)(?:政府信息公开|政务公开|信息公开|年度报告|$)/.exec(withoutYear)?.[1] ?? '';
  return {
    title,
    span: spanStart === -1 ? null : { start: spanStart, end: spanEnd },
    year: year ? num(year[1] as string) : null,
    org: namePart.length >= 2 ? parseOrgName(namePart) : null,
  };
}

function mostFrequentYear(text: string): number | null {
  const tally = new Map<number, number>();
  for (const m of text.matchAll(/(?<!\d)(20\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日印发)/g)) {
    const y = Number(m[1]);
    tally.set(y, (tally.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [y, c] of tally) {
    if (c > bestCount) {
      best = y;
      bestCount = c;
    }
  }
  return best;
}

export interface Identity {
  org: ParsedReport['org'];
  aliases: string[];
  year: number | null;
  publishedOn: string | null;
  /** Normalised offset where the signature block starts (end of section 六's prose). */
  signatureStart: number | null;
}

/** Organisation, year and publication date, each from title, opening, signature and body. */
export function readIdentity(ctx: ParseContext, prose: MappedText, tailFrom: number): Identity {
  const norm = ctx.norm.text;
  const title = readTitle(norm);
  const sig = readSignature(norm, tailFrom);
  const opening = /(?:公布|发布)([\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办事处))/.exec(norm.slice(0, 600));
  const openingOrg = opening ? parseOrgName(opening[1] as string) : null;

  const named = sig.org?.name ?? title.org ?? openingOrg ?? bodyOrg(norm);
  const org: ParsedReport['org'] = named
    ? { name: named.name, fullName: sig.org?.name.fullName ?? null, county: null, kind: named.kind }
    : { name: null, fullName: null, county: null, kind: null };
  if (named) {
    if (sig.org) ctx.locate('org.name', ctx.norm, sig.org.line.start, sig.org.line.end);
    else if (title.org && title.span) ctx.locate('org.name', ctx.norm, title.span.start, title.span.end);
    org.county = sig.org?.name.county ?? title.org?.county ?? openingOrg?.county ?? countyInBody(norm, named.name);
    for (const other of [title.org, openingOrg]) {
      if (other && !sameOrg(other.name, named.name)) {
        ctx.add('org.inconsistent', 'warning', `报告中的单位名称不一致：“${named.name}”与“${other.name}”`, 'org.name');
        break;
      }
    }
  } else {
    ctx.add('org.missing', 'error', '未能从标题、落款或正文中识别出单位名称', 'org.name');
  }

  const period = /(?:截至|截止|核定时间点为|统计期限为|统计时间为)[^。\n]{0,20}?(20\d{2})\s*年\s*12\s*月\s*31\s*日/.exec(
    prose.text,
  );
  const bodyYear = mostFrequentYear(prose.text);
  const publishedOn = sig.date?.date.iso ?? null;
  let year = title.year ?? (period ? Number(period[1]) : null) ?? bodyYear;
  if (year === null && sig.date) year = sig.date.date.year - 1;
  if (sig.date) ctx.locate('publishedOn', ctx.norm, sig.date.date.start, sig.date.date.end);
  if (title.year !== null && title.span) {
    ctx.locate('year', ctx.norm, title.span.start, title.span.end);
  } else if (year !== null) {
    // no year in the title: point at the first place the body names it
    const at = period && Number(period[1]) === year ? period.index : prose.text.search(new RegExp(`${year}\\s*年`));
    if (at >= 0) ctx.locate('year', prose, at, at + 4);
  }

  const seen = new Set<number>([title.year, period ? Number(period[1]) : null, bodyYear].filter((y): y is number => y !== null));
  if (seen.size > 1) {
    ctx.add('year.inconsistent', 'warning', `标题、正文与统计时点的年份不一致：${[...seen].join('、')}`, 'year');
  }
  if (year === null) ctx.add('year.missing', 'error', '未能识别报告所属年度', 'year');

  const aliases = named ? aliasesOf(named.name).filter((a) => norm.includes(a)) : [];
  return { org, aliases, year, publishedOn, signatureStart: sig.org?.line.start ?? sig.date?.line.start ?? null };
}

function countyInBody(norm: string, name: string): string | null {
  const m = new RegExp(`([\\u4e00-\\u9fff]{2})县(?:人民政府)?${name}`).exec(norm);
  return m ? `${m[1]}县` : null;
}

/** Last resort: the town the body names most often (`新山乡…新山乡`). */
function bodyOrg(norm: string): OrgName | null {
  const tally = new Map<string, number>();
  for (const m of norm.matchAll(/([\u4e00-\u9fff]{2,4}(?:乡|镇))(?:人民政府|政府|党委|在|的|将|持续|高度|主动|通过)/g)) {
    const parsed = parseOrgName(m[1] as string);
    if (parsed) tally.set(parsed.name, (tally.get(parsed.name) ?? 0) + 1);
  }
  let best: string | null = null;
  let count = 1;
  for (const [n, c] of tally) {
    if (c > count) {
      best = n;
      count = c;
    }
  }
  return best ? parseOrgName(best) : null;
}
