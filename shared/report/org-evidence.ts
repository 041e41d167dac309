import { nameEndingAt } from './gazetteer';
import { type OrgName, parseOrgName } from './org-name';
import { orgWordsOfTitle, type TitleHit } from './title';

/** One place the text names the organisation that wrote it, with how much that place is worth. */
export interface OrgEvidence {
  org: OrgName;
  weight: number;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  source: 'title' | 'signature' | 'quoted' | 'published' | 'compiled' | 'metadata' | 'contact' | 'subject';
}

const HEAD = 4000;
/** Words that stand before a name but are never part of it: 现公布|由|通过|请与 … */
const LEAD_WORDS =
  /(?:现将|现向社会|向社会|特此|特将|特|现|公布|发布|公开|印发|编制|编制了|总结|全面总结|由|与|在|对|经|及|通过|依托|关于|根据|按照|结合|联系|请与|请|成立|了|的|将|并|报告|起草单位为|单位为|指导|本级|为|是|即|系)$/;
const LEAD_START = new RegExp(`^${LEAD_WORDS.source.slice(0, -1)}`);
/** What follows a name used as the subject of a sentence. */
const SUBJECT_NEXT =
  '(?:人民政府|政府|办事处|党委|在|坚持|认真|深入|严格|紧紧|紧扣|高度|积极|持续|始终|按照|根据|依托|通过|主动|全年|共|累计|未|没有|已|将|以|围绕|聚焦|结合|立足|不断|进一步|切实|扎实|全面|成功|接到|收到|官方|本年|今年|现向|现将|现公布|现发布|特此|特编制)';
const TOWN_SUBJECT = new RegExp(`(?:乡|镇|街道|苏木|街)(?=${SUBJECT_NEXT})`, 'g');
const DEPT_SUBJECT = new RegExp(
  `(?:局|委员会|委|办公室)(?=${SUBJECT_NEXT.replace('人民政府|政府|办事处|党委|', '的(?:政府)?信息公开工作|')})`,
  'g',
);
const COUNTY_SUBJECT =
  /[县区市旗](?=(?:人民政府|政府)?(?:坚持|认真|深入|高度|紧紧|严格|全面|主动公开|持续|在|按照|始终|不断|扎实|积极|切实|进一步|共))/g;

function isCjk(c: string | undefined): boolean {
  return c !== undefined && /[\u3400-\u9fff]/.test(c);
}

/** Where a name ending at `end` may start: just after an administrative name, a lead word, a year or punctuation. */
function nameStarts(text: string, end: number, maxLen: number): number[] {
  const starts: number[] = [];
  for (let k = end - 2; k >= Math.max(0, end - maxLen); k--) {
    if (!isCjk(text[k])) break;
    const before = text.slice(Math.max(0, k - 8), k);
    if (
      !isCjk(text[k - 1]) ||
      LEAD_WORDS.test(before) ||
      /(?:19|20)\d{2}\s*年度?$/.test(before) ||
      nameEndingAt(text, k, 'county') ||
      nameEndingAt(text, k, 'prefecture') ||
      nameEndingAt(text, k, 'province')
    ) {
      starts.push(k);
    }
  }
  return starts;
}

/** Extends a start leftwards over the administrative names written in front of it (北京市西城区). */
function withAdminPrefix(text: string, k: number): number {
  let at = k;
  for (const level of ['county', 'prefecture', 'province'] as const) {
    const name = nameEndingAt(text, at, level);
    if (name) at -= name.length;
  }
  return at;
}

/** The organisation named at the end of `text` (up to `end`): the shortest clean reading. */
function orgEndingAt(text: string, end: number, maxLen = 14): { org: OrgName; start: number } | null {
  for (const k of nameStarts(text, end, maxLen)) {
    if (LEAD_START.test(text.slice(k, end))) continue;
    const from = withAdminPrefix(text, k);
    const org = parseOrgName(text.slice(from, end));
    if (org) return { org, start: from };
  }
  return null;
}

/**
 * The organisation named at the start of a phrase (`东港镇人民政府党政办公室…`). An office of a
 * town, or an office or agency of a county government (子长市政府政务服务中心), stands for the town
 * or the county, except one that writes of itself (我办, 我中心).
 */
function orgAtStart(phrase: string, text: string): OrgName | null {
  let longest: OrgName | null = null;
  let principal: OrgName | null = null;
  for (let end = Math.min(phrase.length, 40); end >= 2; end--) {
    const org = parseOrgName(phrase.slice(0, end));
    if (!org) continue;
    longest ??= org;
    if (org.kind !== '部门') {
      principal = org;
      break;
    }
  }
  if (!longest) return null;
  const isOffice = longest.kind === '部门' && /(?:办公室|办)$/.test(longest.name);
  // 顺庆区人民政府北城街道办事处办公室: the street's own office
  if (isOffice && principal && principal.kind !== '县政府') return principal;
  if (longest.kind === '部门' && longest.county && (longest.unit === '人民政府办公室' || longest.underGovernment)) {
    const self = longest.unit.endsWith('办公室') ? /[我本]办/ : new RegExp(`[我本]${longest.unit.slice(-1)}`);
    if (!self.test(text)) {
      const county = longest.county;
      return { name: county, unit: county, fullName: longest.fullName, county, prefecture: longest.prefecture, kind: '县政府' };
    }
    return longest;
  }
  return longest;
}

function cutPhrase(s: string): string {
  const stop = /结合|综合|根据|按照|依据|认真|编制|负责|对照|在|于|按/.exec(s.slice(2));
  return stop ? s.slice(0, stop.index + 2) : s;
}

/**
 * A unit's own office named on a page or a contact line (县卫健局办公室, 某苏木党政综合办) stands for
 * the unit: the report is the bureau's, not its office's. A government's office (县人民政府办公室) is
 * a unit of its own and is kept.
 */
const OWN_OFFICE = /(局|委员会|委|乡|镇|街道|苏木|办事处)(?:综合)?(?:办公室|党政综合办公室|党政综合办|党政办公室|党政办|综合办)$/;
function withoutOwnOffice(org: OrgName | null): OrgName | null {
  const m = org ? OWN_OFFICE.exec(org.fullName) : null;
  if (!org || !m) return org;
  return parseOrgName(org.fullName.slice(0, m.index + (m[1] as string).length)) ?? org;
}

function add(
  out: OrgEvidence[],
  named: OrgName | null,
  weight: number,
  start: number,
  end: number,
  source: OrgEvidence['source'],
) {
  const org = source === 'metadata' || source === 'contact' ? withoutOwnOffice(named) : named;
  if (!org) return;
  // a prefecture's bureau or government is not a county office's reporting unit
  if (org.prefecture && !org.county && org.kind !== '乡' && org.kind !== '镇' && org.kind !== '街道') return;
  out.push({ org, weight, start, end, source });
}

/** Every place in the text that names its author, weighted by how reliable that kind of place is. */
export function orgEvidence(norm: string, titles: readonly TitleHit[]): OrgEvidence[] {
  const out: OrgEvidence[] = [];
  const head = norm.slice(0, HEAD);

  for (const t of titles) add(out, t.org, 100, t.start, t.end, 'title');

  // 《北京市密云区大城子镇人民政府2025年政府信息公开工作年度报告》
  for (const m of head.matchAll(/《([^《》\n]{4,80}?)》/g)) {
    const inner = (m[1] as string).replace(/\s+/g, '');
    if (/(?:信息|政务)公开.{0,10}(?:报告|年报)/.test(inner)) {
      const words = orgWordsOfTitle(inner);
      add(out, words.length >= 2 ? parseOrgName(words) : null, 70, m.index, m.index + m[0].length, 'quoted');
    }
  }

  // 现公布北票市长皋乡人民政府2025年度政府信息公开工作报告 · 现向社会公布2022年卯都乡信息公开工作年度报告
  for (const m of head.matchAll(/((?:19|20)\d{2})\s*年度?(?:的)?(?:本级)?(?:人民政府|政府)?(?:信息|政务)公开/g)) {
    if (/《[^》]*$/.test(head.slice(Math.max(0, m.index - 60), m.index))) continue;
    const found = orgEndingAt(head, m.index);
    if (found) add(out, found.org, 70, found.start, m.index, 'published');
  }
  for (const m of head.matchAll(
    /(?:19|20)\d{2}\s*年度?([\u4e00-\u9fff]{2,30}?)(?:人民政府|政府)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:报告|年报|情况)/g,
  )) {
    const at = m.index + m[0].indexOf(m[1] as string);
    add(out, parseOrgName(m[1] as string), 70, at, at + (m[1] as string).length, 'published');
  }

  // 由东梁乡人民政府编制 · 闽侯县人民政府办公室编制了本报告 · 报告起草单位为金州乡人民政府
  for (const m of head.matchAll(/(由|起草单位为)\s*([^，,。；;、:：()（）《》\s|]{2,60})/g)) {
    // 由 names the writer only when the sentence says it wrote the report: 由纪委书记某某同志担任 names no one
    if (m[1] === '由' && !/编制|起草|编写|撰写|制作/.test(head.slice(m.index).split(/[。\n]/)[0] ?? '')) continue;
    add(out, orgAtStart(cutPhrase(m[2] as string), norm), 60, m.index, m.index + m[0].length, 'compiled');
  }
  for (const m of head.matchAll(/编制了|特此编制/g)) {
    // the words before, back to a break: 闽侯县人民政府办公室编制了本报告
    const phrase = /[^，,。；;、:：()（）《》\s|]{4,40}$/.exec(head.slice(Math.max(0, m.index - 40), m.index))?.[0];
    const found = phrase ? orgEndingAt(phrase, phrase.length, 40) : null;
    if (found) add(out, found.org, 60, m.index - (phrase?.length ?? 0), m.index + m[0].length, 'compiled');
  }

  // 发布机构: 铁岭县熊官屯镇人民政府 · | 发布机构 | 戴村镇 | · 来源: 新港街
  for (const m of head.matchAll(/(发布机构|发布单位|发文机关|信息来源|来源)[\s:：|]*([\u4e00-\u9fff]{2,30})/g)) {
    const weight = /来源/.test(m[1] as string) ? 30 : 50;
    add(out, orgAtStart(m[2] as string, norm), weight, m.index, m.index + m[0].length, 'metadata');
  }

  // 请与临河区干召庙镇人民政府办公室联系 · 请联系：木兰县发展和改革局
  for (const m of head.matchAll(/请(?:与|联系)[:：\s]*([^（(，,。；;:：\s]{2,40})/g)) {
    const phrase = (m[1] as string).replace(/联系.*$/, '');
    add(out, orgAtStart(phrase, norm), 40, m.index, m.index + m[0].length, 'contact');
  }

  // The subject of sentences: 2024年，寻召乡主动公开… · 北宫镇人民政府坚持… · 2023年，徐水区坚持…
  for (const re of [TOWN_SUBJECT, DEPT_SUBJECT, COUNTY_SUBJECT]) {
    for (const m of norm.matchAll(re)) {
      const end = m.index + m[0].length;
      // 通过青石镇人民政府信息公开平台: a platform's name, not the author
      if (/^(?:人民政府|政府)?(?:信息公开|政务公开)?(?:平台|网站|门户|网|专栏|公众号|微信|微博)/.test(norm.slice(end, end + 14)))
        continue;
      const found = orgEndingAt(norm, end, re === DEPT_SUBJECT ? 24 : 14);
      if (!found) continue;
      if (re === COUNTY_SUBJECT && found.org.kind !== '县政府') continue;
      add(out, found.org, found.org.county || found.org.prefecture ? 15 : 10, found.start, end, 'subject');
    }
  }

  // 我局 … 《滑县人力资源和社会保障局网络信息安全制度》 · 我乡 … 制定了《上营乡信息公开保密审查机制》: a unit
  // that writes of itself as 我局/我乡 names itself in its own rules
  const self = /我(局|委|办|乡|镇|街道|苏木)/.exec(norm);
  if (self) {
    const suffix = self[1] === '办' ? '办公室' : (self[1] as string);
    const town = /乡|镇|街道|苏木/.test(suffix);
    for (const m of norm.matchAll(new RegExp(`《([^《》\\n]{2,30}?${suffix})`, 'g'))) {
      // a town's rules are its own when it made them (制定了《…》), not when it follows them (按照《…》)
      if (town && !/(?:制定|建立|出台|印发|修订|完善)了?$/.test(norm.slice(Math.max(0, m.index - 4), m.index))) continue;
      const org = parseOrgName(m[1] as string);
      if (org && (town ? org.kind !== '部门' && org.kind !== '县政府' : org.kind === '部门'))
        add(out, org, 20, m.index, m.index + m[0].length, 'subject');
    }
  }
  return out;
}
