import { parseChineseNumber } from './cn-number';
import { type OrgName, parseOrgName } from './org-name';

/** A title of the report found near the top: the page title, the heading, a metadata 标题 line. */
export interface TitleHit {
  /** The title without blanks, joined when it was split over two lines. */
  text: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  org: OrgName | null;
  year: number | null;
}

interface Line {
  start: number;
  end: number;
  compact: string;
}

const TITLE_WORDS = /(?:信息|政务)公开.{0,10}?(?:报告|年报)|年度报告$|工作报告$/;
const NOT_A_TITLE = /^(?:根据|依据|按照|遵照|本报告|本年度|本年报|本|现将|现公布|现向|为|全文|报告|如对|如有|特此|我|印发)/;
const META = /^\|?(?:标题|名称)[:|]*([^|]+)/;
/** Words a title split over two lines ends or starts with (…2023年政府信息 / 公开工作年度报告). */
const SPLIT_END = /(?:年|年度|政府|政府信息|信息|信息公开|公开|工作|政务)$/;
const SPLIT_START = /^(?:政府信息|信息公开|政务公开|公开|工作|年度|(?:19|20)\d{2}年)/;
const YEAR = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年/;

function compactLines(norm: string, limit: number): Line[] {
  const out: Line[] = [];
  let s = 0;
  while (s < norm.length && s < limit) {
    let e = norm.indexOf('\n', s);
    if (e === -1) e = norm.length;
    const compact = norm.slice(s, e).replace(/[\s*#•]+/g, '');
    if (compact.length > 0) out.push({ start: s, end: e, compact });
    s = e + 1;
  }
  return out;
}

function yearOf(text: string): number | null {
  const m = YEAR.exec(text);
  if (!m) return null;
  const y = /^\d/.test(m[1] as string) ? Number(m[1]) : parseChineseNumber(m[1] as string);
  return y !== null && y >= 1990 && y <= 2100 ? y : null;
}

/** The words naming the organisation in a title: what precedes the year, or follows a leading year. */
export function orgWordsOfTitle(title: string): string {
  let t = title.replace(/^(?:19|20)\d{2}(?!\s*年)/, '');
  const lead = /^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?/.exec(t);
  if (lead) t = t.slice(lead[0].length);
  else {
    const y = YEAR.exec(t);
    if (y) t = t.slice(0, y.index);
  }
  return t
    .replace(/(?:人民)?(?:政府)?(?:信息|政务)公开.*$|(?:工作)?年度报告.*$|年报.*$/, '')
    .replace(/^关于/, '')
    .replace(/关于$/, '');
}

function hit(text: string, start: number, end: number): TitleHit {
  const words = orgWordsOfTitle(text);
  // a title names its unit whole: a town of one character (螅镇) is read there, never from prose
  return { text, start, end, org: words.length >= 2 ? parseOrgName(words, { shortTown: true }) : null, year: yearOf(text) };
}

/** A title given apart from the text (a PDF's metadata Title), when it reads as a report's title. */
export function titleOf(title: string): TitleHit | null {
  const text = title.replace(/[\s*#•]+/g, '').replace(/\.(?:pdf|docx?|wps)$/i, '');
  if (!TITLE_WORDS.test(text) || text.length > 70) return null;
  return hit(text, 0, 0);
}

/**
 * Titles near the top of the text, in order. Page furniture (breadcrumbs, site names, menus) is
 * passed over; a title split over two lines is joined; an organisation on the line above a
 * title that names none (`甘谷县人民政府办公室` / `2024年政府信息公开工作年度报告`) is taken in.
 */
export function findTitles(norm: string): TitleHit[] {
  const ls = compactLines(norm, 4000).slice(0, 60);
  const out: TitleHit[] = [];
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i] as Line;
    const meta = META.exec(line.compact);
    let text = meta ? (meta[1] as string) : line.compact;
    let end = line.end;
    if (/[/>»]/.test(text) || /[。;；]/.test(text) || text.length > 70) continue;
    const next = ls[i + 1];
    if (!TITLE_WORDS.test(text) && next && SPLIT_END.test(text) && SPLIT_START.test(next.compact)) {
      const joined = text + next.compact;
      if (TITLE_WORDS.test(joined) && joined.length <= 70) {
        text = joined;
        end = next.end;
        i++;
      }
    }
    if (!TITLE_WORDS.test(text) || NOT_A_TITLE.test(text) || /[,，]/.test(text)) continue;
    let found = hit(text, line.start, end);
    const prev = out.length === 0 || out[out.length - 1]?.end !== ls[i - 1]?.end ? ls[i - 1] : undefined;
    if (!found.org && orgWordsOfTitle(text).length === 0 && prev && prev.compact.length <= 30) {
      const org = parseOrgName(prev.compact);
      if (org) found = { ...found, text: prev.compact + text, start: prev.start, org };
    }
    out.push(found);
  }
  return out;
}
