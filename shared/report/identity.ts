import { parseChineseNumber } from './cn-number';
import type { ParseContext } from './context';
import { countyMentions } from './county-mentions';
import { fullestCountyForm, isCountyForm } from './gazetteer';
import type { MappedText } from './mapped-text';
import { type OrgEvidence, orgEvidence } from './org-evidence';
import { aliasesOf, type OrgName, parseOrgName, sameOrg } from './org-name';
import { findTitles, titleOf } from './title';
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

const SIGNATURE = /(?:人民政府|政府|办事处|局|委员会|委|中心|院|苏木)$/;

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

/** Years the body speaks of (`2024年，我镇…`), not dates of publication, document numbers or index codes. */
function mostFrequentYear(text: string): number | null {
  const tally = new Map<number, number>();
  for (const m of text.matchAll(/(?<![\d〔[(-])(20\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日印发)/g)) {
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

/**
 * The year the statistics cover: `统计期限自2023年1月1日起至2023年12月31日止`, `截至2019年12月30日`,
 * and the same with 年/月 lost by the web page (`20251月1日至202512月31日`, `202011日至20201231日`).
 */
function statisticsYear(text: string): { year: number; at: number } | null {
  const patterns = [
    /(?:统计|数据|期限|时限|时段|时间|周期|期间|范围)[^。\n]{0,24}?(20\d{2})\s*年?\s*0?1\s*月?\s*0?1\s*日/,
    /(?:截至|截止|至)\s*(20\d{2})\s*年?\s*12\s*月?\s*3[01]\s*日/,
    /(?:截至|截止)\s*(20\d{2})\s*年(?:底|末)/,
    /(20\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—|~)\s*(?:20\d{2}\s*年\s*)?12\s*月\s*31\s*日/,
  ];
  let best: { year: number; at: number } | null = null;
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.at)) best = { year: Number(m[1]), at: m.index };
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

/** `教体局` is written short for `教育体育局`: the same first and last character, the rest in order. */
function abbreviates(short: string, full: string): boolean {
  if (short.length < 3 || full.length <= short.length || short[0] !== full[0] || short.at(-1) !== full.at(-1)) return false;
  let at = 0;
  for (const c of short) {
    at = full.indexOf(c, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/**
 * A bureau written both in full and short (岐山县教育体育局 … 县教体局) is one unit: every mention is
 * counted for it, under the name as written with its county (the full one when both forms have it).
 */
function withFullNames(evidence: OrgEvidence[]): void {
  const departments = evidence.filter((e) => e.org.kind === '部门');
  for (const full of departments) {
    const short = departments.filter(
      (e) =>
        abbreviates(e.org.unit, full.org.unit) &&
        (e.org.county === null || full.org.county === null || e.org.county === full.org.county),
    );
    if (short.length === 0) continue;
    const sameUnit = departments.filter((e) => e.org.unit === full.org.unit || short.includes(e));
    // the name as written with its county (辉南县卫健局 over 县卫生健康局), the full one when both have it
    const withCounty = sameUnit.filter((e) => e.org.county !== null);
    const named = withCounty.find((e) => e.org.unit === full.org.unit) ?? withCounty[0] ?? full;
    const org: OrgName = { ...named.org, unit: full.org.unit };
    for (const e of sameUnit) e.org = org;
  }
}

/** Picks the organisation the evidence points to most strongly; ties go to the earliest. */
function chooseOrg(evidence: OrgEvidence[]): { org: OrgName; items: OrgEvidence[] } | null {
  withFullNames(evidence);
  const groups = new Map<string, { weight: number; first: number; items: OrgEvidence[] }>();
  for (const e of evidence) {
    const key = `${e.org.kind}:${e.org.unit}`;
    const g = groups.get(key) ?? { weight: 0, first: e.start, items: [] };
    g.weight += e.weight;
    g.first = Math.min(g.first, e.start);
    g.items.push(e);
    groups.set(key, g);
  }
  let best: { weight: number; first: number; items: OrgEvidence[] } | null = null;
  for (const g of groups.values()) {
    if (!best || g.weight > best.weight || (g.weight === best.weight && g.first < best.first)) best = g;
  }
  if (!best) return null;
  const strongest = [...best.items].sort((a, b) => b.weight - a.weight || a.start - b.start)[0] as OrgEvidence;
  return { org: strongest.org, items: best.items };
}

/** Sources that say who wrote the report (its title, quoted or not, its signature, the page, who compiled or published it, whom to ask); a sentence's subject needs a second mention. */
const AUTHORITATIVE = new Set<OrgEvidence['source']>([
  'title',
  'signature',
  'metadata',
  'published',
  'compiled',
  'quoted',
  'contact',
]);
/** Words a name never starts with: a verb or a year's tail taken in front of 乡/镇/街道. */
const NOT_A_NAME_START = /^(?:年度|度|推动|推进|完善|更新|加强|做好|落实|开展|组织|深化|强化|规范|健全|建立|提升|由|对|在|向)/;

/**
 * A sentence that opens with the name as its subject (`北宫镇人民政府坚持…` at the start of a line
 * or after 。；or `2021年，`) names the writer as plainly as a title: the opening of a report often
 * has no other mention. A name inside a sentence (`…，推动乡政府…`, `由某某乡长任组长`) does not.
 */
function opensSentence(norm: string, e: OrgEvidence): boolean {
  if (e.source !== 'subject') return false;
  const before = norm.slice(Math.max(0, e.start - 8), e.start);
  return e.start === 0 || /(?:^|[\n。；;:：])[ \t]*$/.test(before) || /(?:19|20)\d{2}年(?:度|以来)?[,，]$/.test(before);
}

function confirmed(norm: string, items: OrgEvidence[]): boolean {
  const name = items[0]?.org.name ?? '';
  if (NOT_A_NAME_START.test(name)) return false;
  if (items.some((e) => AUTHORITATIVE.has(e.source) || opensSentence(norm, e))) return true;
  // a second mention anywhere in the text (`《上营乡…机制》`, `上营乡微信公众号`)
  return name.length >= 2 && norm.indexOf(name, norm.indexOf(name) + name.length) !== -1;
}

/** What a unit calls itself (我局, 我镇, 我集团) and the names that word fits. */
const SELF_WORDS: readonly [RegExp, (org: OrgName) => boolean][] = [
  [/我(公司|集团)/g, (o) => /公司|集团/.test(o.name)],
  [/我(局)/g, (o) => o.name.endsWith('局')],
  [/我(委)/g, (o) => /委员会$|委$/.test(o.name)],
  [/我(乡|镇|苏木)(?![长村])/g, (o) => o.kind === '乡' || o.kind === '镇'],
  [/我(街道|街|办)/g, (o) => o.kind === '街道' || /办公室$|办$|办事处$/.test(o.name)],
  [/我(县|区|市|旗)/g, () => true],
  [/我(中心|院|所|站|队)/g, (o) => o.kind === '部门'],
];

/**
 * The word the report calls its writer by (我集团, said again and again) when it cannot be the chosen
 * name (由某某局编制 copied from another unit's report): null when any self-word fits or none is said twice.
 */
function selfNamedOtherwise(norm: string, org: OrgName): string | null {
  let misfit: { word: string; times: number } | null = null;
  for (const [re, fits] of SELF_WORDS) {
    const said = [...norm.matchAll(re)];
    if (said.length === 0) continue;
    if (fits(org)) return null;
    if (!misfit || said.length > misfit.times) misfit = { word: said[0]?.[1] as string, times: said.length };
  }
  return misfit && misfit.times >= 2 ? misfit.word : null;
}

/** The county: the one written with the organisation, else the one the text names most plainly. */
function chooseCounty(norm: string, org: OrgName, items: OrgEvidence[]): string | null {
  if (org.kind === '县政府') return fullestCountyForm(org.name, norm);
  const withOrg = items.map((e) => e.org.county).find((c): c is string => c !== null);
  if (withOrg) return fullestCountyForm(withOrg, norm);
  const mentions = countyMentions(norm, org.name);
  return mentions ? fullestCountyForm(mentions, norm) : null;
}

/**
 * The county form a prefix misread by OCR stands for, when the text writes that county correctly
 * elsewhere: one character off (仪陇且 for 仪陇县), or its last character read as two (仪陇有具).
 */
function countyMisreadAs(prefix: string, norm: string): string | null {
  if (prefix.length < 2 || isCountyForm(prefix)) return null;
  for (let k = prefix.length - 2; k >= 2 && k >= prefix.length - 2; k--) {
    const stem = prefix.slice(0, k);
    for (let at = norm.indexOf(stem); at >= 0; at = norm.indexOf(stem, at + 1)) {
      const form = norm.slice(at, at + k + 1);
      if (/[县区市旗]$/.test(form) && isCountyForm(form)) return form;
    }
  }
  for (let j = 0; j + prefix.length <= norm.length; j++) {
    let off = 0;
    for (let k = 0; k < prefix.length && off < 2; k++) if (norm[j + k] !== prefix[k]) off++;
    if (off === 1) {
      const form = norm.slice(j, j + prefix.length);
      if (isCountyForm(form)) return form;
    }
  }
  return null;
}

/**
 * OCR misreads a character of a place name now and then (仪陇县马鞍镇 read as 仪陇且马鞍镇). In a
 * scanned report, a name that is another name the report gives, behind a prefix one character off
 * a county the report writes correctly elsewhere, is that other name.
 */
function mendOcrPrefixes(ctx: ParseContext, evidence: OrgEvidence[]): void {
  const names = new Map(evidence.map((e) => [e.org.name, e.org]));
  for (const e of evidence) {
    const n = e.org.name;
    for (const [m, org] of names) {
      if (m.length >= n.length || !n.endsWith(m)) continue;
      const county = countyMisreadAs(n.slice(0, n.length - m.length), ctx.norm.text);
      if (!county) continue;
      ctx.add('org.ocrMisread', 'warning', `扫描件识别出的“${n}”按“${county}${m}”读取，请与原件核对`, 'org.name');
      e.org = org;
      break;
    }
  }
}

/** Organisation, year and publication date, each from title, opening, signature and body. */
export function readIdentity(
  ctx: ParseContext,
  prose: MappedText,
  tailFrom: number,
  metadataTitle?: string,
  ocr = false,
): Identity {
  const norm = ctx.norm.text;
  const titles = findTitles(norm);
  const sig = readSignature(norm, tailFrom);
  // a PDF's own Title (`XX区人民政府2023年政府信息公开工作年度报告`), when it is a report's title
  const meta = metadataTitle ? titleOf(metadataTitle) : null;

  const evidence = orgEvidence(norm, titles);
  if (meta?.org) evidence.push({ org: meta.org, weight: 80, start: 0, end: 0, source: 'metadata' });
  if (sig.org)
    evidence.push({ org: sig.org.name, weight: 90, start: sig.org.line.start, end: sig.org.line.end, source: 'signature' });
  if (ocr) mendOcrPrefixes(ctx, evidence);
  const found = chooseOrg(evidence);
  // a name read from prose alone must be confirmed: by the title, the signature, the page's
  // metadata, a sentence saying who wrote or published the report, or a second mention; never a
  // fragment that starts with a verb or a year (推动乡…, 年度街道): else no name, and a finding
  const unconfirmed = found && !confirmed(norm, found.items) ? found : null;
  if (unconfirmed) {
    ctx.add(
      'org.unconfirmed',
      'error',
      `正文中出现“${unconfirmed.org.name}”，但标题、落款和页面信息中都没有，正文也只提到一次：不能确定是报告单位，请核对`,
      'org.name',
    );
  }
  const stranger = found && !unconfirmed ? selfNamedOtherwise(norm, found.org) : null;
  if (found && stranger) {
    ctx.add(
      'org.selfMismatch',
      'error',
      `报告通篇自称“我${stranger}”，与“${found.org.name}”不是同一类单位：不能确定报告单位，请核对`,
      'org.name',
    );
  }
  const chosen = unconfirmed || stranger ? null : found;

  let org: ParsedReport['org'] = { name: null, fullName: null, county: null, kind: null };
  if (chosen) {
    const { org: named, items } = chosen;
    org = {
      name: named.name,
      fullName: sig.org && sameOrg(sig.org.name.unit, named.unit) ? sig.org.name.fullName : null,
      county: chooseCounty(norm, named, items),
      kind: named.kind,
    };
    const located = [...items].sort((a, b) => b.weight - a.weight || a.start - b.start)[0] as OrgEvidence;
    ctx.locate('org.name', ctx.norm, located.start, located.end);
    const strong = evidence.filter((e) => e.weight >= 60 && !sameOrg(e.org.unit, named.unit));
    const other = strong.find((e) => e.source === 'title' || e.source === 'signature');
    if (other) {
      ctx.add('org.inconsistent', 'warning', `报告中的单位名称不一致：“${named.name}”与“${other.org.name}”`, 'org.name');
    }
  } else {
    if (!unconfirmed) ctx.add('org.missing', 'error', '未能从标题、落款或正文中识别出单位名称', 'org.name');
    // the county is worth knowing even when the unit is not named (我街, 我委)
    const county = countyMentions(norm, null);
    if (county) org.county = fullestCountyForm(county, norm);
  }

  const titleYear = titles.find((t) => t.year !== null) ?? null;
  const period = statisticsYear(norm.slice(0, Math.max(prose.text.length, 4000)));
  const bodyYear = mostFrequentYear(prose.text);
  const publishedOn = sig.date?.date.iso ?? null;
  let year = titleYear?.year ?? meta?.year ?? period?.year ?? bodyYear;
  if (year === null && sig.date) year = sig.date.date.year - 1;
  if (sig.date) ctx.locate('publishedOn', ctx.norm, sig.date.date.start, sig.date.date.end);
  if (titleYear) {
    ctx.locate('year', ctx.norm, titleYear.start, titleYear.end);
  } else if (period && period.year === year) {
    ctx.locate('year', ctx.norm, period.at, Math.min(norm.length, period.at + 10));
  } else if (year !== null) {
    const at = prose.text.search(new RegExp(`${year}\\s*年`));
    if (at >= 0) ctx.locate('year', prose, at, at + 4);
  }

  const seen = new Set<number>([titleYear?.year ?? null, period?.year ?? null].filter((y): y is number => y !== null));
  if (seen.size > 1) {
    ctx.add('year.inconsistent', 'warning', `标题与统计时限的年份不一致：${[...seen].join('、')}`, 'year');
  }
  if (year === null) ctx.add('year.missing', 'error', '未能识别报告所属年度', 'year');

  const aliases = org.name ? aliasesOf(org.name).filter((a) => norm.includes(a)) : [];
  return { org, aliases, year, publishedOn, signatureStart: sig.org?.line.start ?? sig.date?.line.start ?? null };
}
