import type { OrgKind } from './types';

export interface OrgName {
  name: string;
  fullName: string;
  county: string | null;
  kind: OrgKind;
}

const H = '[\\u4e00-\\u9fff]';
const ADMIN = new RegExp(
  `^(?:${H}{2,7}?(?:省|自治区))?(?:${H}{2,8}?(?:市|自治州|地区|盟))?(?:(${H}{1,8}?(?:自治县|县|区|市|旗)))?` +
    `(${H}{1,14}?(?:乡|镇|街道))(?:人民政府|政府|街道办事处|办事处)?$`,
);
const COUNTY_GOV = new RegExp(
  `^(?:${H}{2,7}?(?:省|自治区))?(?:${H}{2,8}?(?:市|自治州|地区|盟))?(${H}{1,8}?(?:自治县|县|区|旗))(?:人民政府|政府)$`,
);
const DEPARTMENT = new RegExp(
  `^(?:${H}{2,7}?(?:省|自治区))?(?:${H}{2,8}?(?:市|自治州|地区|盟))?(?:(${H}{1,8}?(?:自治县|县|区|旗)))?` +
    `(${H}{2,20}?(?:局|委员会|委|办公室|中心|院|所|站|队|处|馆|会))$`,
);

/**
 * Splits an organisation's name as written (`攀枝花市米易县普威镇人民政府`) into the short name,
 * the county and the kind. Returns null when the words are not an organisation name.
 */
export function parseOrgName(written: string): OrgName | null {
  const s = written.replace(/\s+/g, '');
  if (s.length < 2 || s.length > 40) return null;
  const town = ADMIN.exec(s);
  if (town) {
    const name = town[2] as string;
    if (name.length < 2 || /^(?:各|全|本|我|该|乡|镇)/.test(name)) return null;
    const kind: OrgKind = name.endsWith('街道') ? '街道' : name.endsWith('镇') ? '镇' : '乡';
    return { name, fullName: s, county: town[1] ?? null, kind };
  }
  const county = COUNTY_GOV.exec(s);
  if (county) return { name: county[1] as string, fullName: s, county: county[1] as string, kind: '县政府' };
  const dept = DEPARTMENT.exec(s);
  if (dept) {
    const name = dept[2] as string;
    if (/^(?:党政|党委)?办公室$/.test(name)) return null;
    return { name, fullName: s, county: dept[1] ?? null, kind: '部门' };
  }
  return null;
}

/** Other names a town goes by: an ethnic township is often called without its ethnic part. */
export function aliasesOf(name: string): string[] {
  const m = /^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+(乡|镇)$/.exec(name);
  return m ? [`${m[1]}${m[2]}`] : [];
}

/** Whether two names denote the same organisation (`新山乡` and `新山傈僳族乡`). */
export function sameOrg(a: string, b: string): boolean {
  if (a === b) return true;
  return aliasesOf(a).includes(b) || aliasesOf(b).includes(a);
}
