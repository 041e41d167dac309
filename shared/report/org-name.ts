import { nameAt } from './gazetteer';
import type { OrgKind } from './types';

export interface OrgName {
  /**
   * Short official name: 新山傈僳族乡 (a town, without its county), 米易县 (a county government),
   * 通道县卫生健康局 (a department, with its county as written, as departments are known).
   */
  name: string;
  /** The unit without any administrative prefix (卫生健康局), for telling one organisation from another. */
  unit: string;
  /** The words as written, e.g. 攀枝花市米易县新山傈僳族乡人民政府. */
  fullName: string;
  /** The county-level unit written in front of the name (or the county itself), else null. */
  county: string | null;
  /** A prefecture written in front of the name, when any. */
  prefecture: string | null;
  kind: OrgKind;
  /** A body of the county government written under its name: 子长市政府政务服务中心, 大足区人民政府外事办公室. */
  underGovernment?: boolean;
}

export interface AdminPrefix {
  province: string | null;
  prefecture: string | null;
  county: string | null;
  /** What follows the administrative names (and a 人民政府 after the county). */
  rest: string;
  /** Offset of `rest` in the input. */
  restStart: number;
  /** Whether 人民政府/政府 stood between the county and `rest`. */
  underGovernment: boolean;
  /** Offset of the county's name in the input (= restStart when there is none). */
  countyStart: number;
}

/**
 * Splits the administrative names off the front of a name as written: 北京市西城区金融街街道 →
 * 北京市 · 西城区 · 金融街街道; 天津市北辰区人民政府集贤里街道办事处 → 天津市 · 北辰区 · 集贤里街道办事处.
 * Only names the gazetteer knows are taken, so 吕梁市 is a prefecture and 汾阳市 a county.
 */
export function splitAdminPrefix(s: string): AdminPrefix {
  let at = 0;
  // at each level the longer reading wins: 吉林市 is a prefecture, not the province 吉林 + 市
  let province = nameAt(s, at, 'province');
  const prefectureFirst = nameAt(s, at, 'prefecture');
  if (province && prefectureFirst && prefectureFirst.length > province.length) province = null;
  if (province) at += province.length;
  let prefecture = nameAt(s, at, 'prefecture');
  const countyFirst = nameAt(s, at, 'county');
  if (prefecture && countyFirst && countyFirst.length > prefecture.length) prefecture = null;
  if (prefecture) at += prefecture.length;
  const county = nameAt(s, at, 'county') ?? zoneAt(s, at);
  const countyStart = at;
  if (county) at += county.length;
  // 北辰区人民政府集贤里街道办事处: the county government's name in front of one of its units
  const government = county ? /^(?:人民政府|政府)(?=.)/.exec(s.slice(at)) : null;
  const underGovernment = government !== null && !/^(?:人民政府|政府)办公室$/.test(s.slice(at));
  if (underGovernment && government) at += government[0].length;
  return {
    province,
    prefecture,
    county,
    rest: s.slice(at),
    restStart: at,
    underGovernment,
    countyStart: county ? countyStart : at,
  };
}

/**
 * A county-level zone the gazetteer does not list (平潭综合实验区, 某某经济技术开发区): its own
 * words end it, and it governs like a county.
 */
const ZONE = /^[\u4e00-\u9fff]{2,10}?(?:综合实验区|综合试验区|经济技术开发区|高新技术产业开发区|经济开发区)/;

function zoneAt(s: string, at: number): string | null {
  return ZONE.exec(s.slice(at))?.[0] ?? null;
}

const TOWN = /^(.+)(乡|镇|街道|苏木|嘎查|街)(?:人民政府办事处|人民政府|政府|街道办事处|办事处)?$/;
const DEPARTMENT = /(?:局|委员会|委|办公室|中心|院|所|站|队|处|馆|会|厅|办)$/;
/** Words that open a noun phrase but never a place name: 我镇, 全县, 各乡镇, 本街道. */
const NOT_A_PLACE = /^(?:我|本|全|各|该|此|每|其|所|辖|乡$|镇$|城$|集$|村$|省|市$|县$|区$)/;
/** A town's name holds none of these: 镇党委书记和镇(长), 领导小组. */
const NOT_A_TOWN_CORE = /^[镇乡街]|我|该|党|委|书记|领导|主任|干部|人员|工作|组织|成员|阶段|下一步|今后|以来/;
const NOT_A_DEPARTMENT =
  /年|报告|信息公开|政务公开|领导小组|工作|办事处$|党委|党工委|^(?:街道|镇|乡(?!村))|[举承主协督交转开创兴包代查]办$|^(?:党政|党委|综合)?(?:办公室|办)$|^(?:人民政府|政府)$|.政府|^政府./;

function townKind(suffix: string): OrgKind {
  if (suffix === '镇') return '镇';
  if (suffix === '街道' || suffix === '街') return '街道';
  if (suffix === '嘎查') return '其他';
  return '乡';
}

/** An unknown county-level word left in front of a town (科右中旗哈日诺尔苏木): split it off. */
function splitUnknownCounty(core: string): { county: string | null; core: string } {
  const m = /^(.{2,8}?[县旗])(.{2,})$/.exec(core);
  return m ? { county: m[1] as string, core: m[2] as string } : { county: null, core };
}

/**
 * Splits an organisation's name as written (`攀枝花市米易县普威镇人民政府`) into the short name,
 * the county and the kind. Returns null when the words are not an organisation's name.
 */
export function parseOrgName(written: string, options: { shortTown?: boolean } = {}): OrgName | null {
  const s = written.replace(/\s+/g, '');
  if (s.length < 2 || s.length > 40 || /[^\u3400-\u9fff（）()·]/.test(s)) return null;
  const admin = splitAdminPrefix(s);
  const { rest } = admin;
  const hasPrefix = admin.county !== null || admin.prefecture !== null || admin.province !== null;

  if (admin.county && /^(?:人民政府|政府|(?:党工委)?管委会|(?:党工委)?管理委员会)?$/.test(rest)) {
    return {
      name: admin.county,
      unit: admin.county,
      fullName: s,
      county: admin.county,
      prefecture: admin.prefecture,
      kind: '县政府',
    };
  }
  if (/^(?:人民政府|政府)?办公室$/.test(rest) && (admin.county || /^(?:人民政府|政府)/.test(rest))) {
    if (!admin.county) return null;
    const name = s.slice(admin.countyStart);
    return { name, unit: '人民政府办公室', fullName: s, county: admin.county, prefecture: admin.prefecture, kind: '部门' };
  }
  const town = TOWN.exec(rest);
  if (town) {
    let core = town[1] as string;
    const suffix = town[2] as string;
    let county = admin.county;
    if (!county && !admin.prefecture) {
      const split = splitUnknownCounty(core);
      // a county the gazetteer does not know (renamed since: 会理县 is 会理市 from 2021) is kept as written
      if (split.county) {
        core = split.core;
        county = split.county;
      }
    }
    const minCore = hasPrefix || (options.shortTown && core === rest.slice(0, core.length)) ? 1 : 2;
    if (core.length >= minCore && core.length <= 12 && !NOT_A_PLACE.test(core) && !NOT_A_TOWN_CORE.test(core)) {
      if (!(suffix === '街' && /(?:大|路|步行|老|商业|小|后|前)$/.test(core)) && !(suffix === '镇' && core.endsWith('乡'))) {
        const name = `${core}${suffix}`;
        return { name, unit: name, fullName: s, county, prefecture: admin.prefecture, kind: townKind(suffix) };
      }
    }
  }
  // 区卫生健康局: the county's own department, its county written as one character
  const dept = !hasPrefix && /^[县市区旗]./.test(rest) ? rest.slice(1) : rest;
  if (DEPARTMENT.test(dept) && dept.length >= 2 && dept.length <= 24 && !NOT_A_DEPARTMENT.test(dept) && !NOT_A_PLACE.test(dept)) {
    const name = admin.county ? s.slice(admin.countyStart) : dept;
    const org: OrgName = { name, unit: dept, fullName: s, county: admin.county, prefecture: admin.prefecture, kind: '部门' };
    if (admin.underGovernment) org.underGovernment = true;
    return org;
  }
  return null;
}

/**
 * Why `name` cannot be a unit's name, in Chinese, or null when it can: one rule wherever a person
 * types or imports one (a rename on the 单位 page, a roster list). Chinese characters, brackets, the
 * middle dot and digits, 2 to 40 of them — no markup, nothing a spreadsheet would run as a formula.
 */
export function unitNameProblem(name: string): string | null {
  const s = name.trim();
  if (/^[=+\-@]/.test(s)) return '单位名称不能以 = + - @ 开头';
  if (s.length < 2 || s.length > 40) return '单位名称应为 2 到 40 个字';
  if (/[^\u3400-\u9fff（）()·0-9]/.test(s)) return '单位名称只能由汉字、括号、间隔号和数字组成';
  return null;
}

/** Other names a town goes by: an ethnic township without its ethnic part, 街 for 街道. */
export function aliasesOf(name: string): string[] {
  const out: string[] = [];
  const ethnic = /^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+(乡|镇)$/.exec(name);
  if (ethnic) out.push(`${ethnic[1]}${ethnic[2]}`);
  return out;
}

/** Whether two names denote the same organisation (`新山乡` and `新山傈僳族乡`). */
export function sameOrg(a: string, b: string): boolean {
  if (a === b) return true;
  return aliasesOf(a).includes(b) || aliasesOf(b).includes(a);
}
