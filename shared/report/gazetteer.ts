import { COUNTY_ROWS, PREFECTURE_ROWS, PROVINCE_NAMES } from './gazetteer-data';

/**
 * China's provinces, prefectures and county-level units (GB/T 2260), for telling a county-level
 * city (汾阳市) from a prefecture (吕梁市) and for finding the county a report names. Names are
 * matched as written and in their common short forms: 本溪县 for 本溪满族自治县, 凉山州 for
 * 凉山彝族自治州, 四川 for 四川省.
 */

export interface County {
  code: string;
  /** The official name, e.g. 本溪满族自治县. */
  name: string;
  prefecture: string | null;
  province: string;
}

const ETHNIC_GROUPS =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺';
const ETHNIC_TAIL = new RegExp(`(?:(?:${ETHNIC_GROUPS})族)+$`);

/** 本溪满族自治县 → 本溪县, 东乡族自治县 → 东乡县, 鄂伦春自治旗 → 鄂伦春旗: the forms reports use. */
function shortForms(name: string): string[] {
  const m = /^(.+?)自治(县|旗|州)$/.exec(name);
  if (!m) return [];
  const stem = m[1] as string;
  const base = stem.replace(ETHNIC_TAIL, '');
  const out = new Set<string>();
  if (base.length >= 2) out.add(`${base}${m[2]}`);
  else if (stem.endsWith('族')) out.add(`${stem.slice(0, -1)}${m[2]}`);
  else out.add(`${stem}${m[2]}`);
  return [...out].filter((s) => s !== name);
}

const provinces = PROVINCE_NAMES.split('|');
const prefectureRows = PREFECTURE_ROWS.split(';').map((row) => {
  const [name, province] = row.split(',');
  return { name: name as string, province: provinces[Number(province)] as string };
});

const counties: County[] = COUNTY_ROWS.split(';').map((row) => {
  const [code, name, prefecture] = row.split(',');
  const pref = prefectureRows[Number(prefecture)];
  return { code: code as string, name: name as string, prefecture: pref?.name || null, province: pref?.province ?? '' };
});

/** Every written form (official and short) → the units it may denote. */
const countyForms = new Map<string, County[]>();
for (const c of counties) {
  for (const form of [c.name, ...shortForms(c.name)]) {
    const list = countyForms.get(form) ?? [];
    list.push(c);
    countyForms.set(form, list);
  }
}

const prefectureForms = new Set<string>();
for (const p of prefectureRows) {
  if (!p.name) continue;
  prefectureForms.add(p.name);
  for (const s of shortForms(p.name)) prefectureForms.add(s);
}

const provinceForms = new Set<string>();
for (const p of provinces) {
  provinceForms.add(p);
  const short = p.replace(/(?:壮族|回族|维吾尔)?自治区$|省$|市$/, '');
  if (short.length >= 2) provinceForms.add(short);
  if (p.endsWith('自治区')) provinceForms.add(`${short}自治区`);
}

/** For each level, the lengths its forms have, by first and by last character: a probe tries only those. */
function lengthIndex(forms: Iterable<string>) {
  const byFirst = new Map<string, number[]>();
  const byLast = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, ch: string, len: number) => {
    const list = map.get(ch) ?? [];
    if (!list.includes(len)) list.push(len);
    map.set(ch, list);
  };
  for (const f of forms) {
    add(byFirst, f[0] as string, f.length);
    add(byLast, f[f.length - 1] as string, f.length);
  }
  for (const map of [byFirst, byLast]) for (const list of map.values()) list.sort((a, b) => b - a);
  return { byFirst, byLast };
}
const LEVELS = {
  province: { test: (f: string) => provinceForms.has(f), ...lengthIndex(provinceForms) },
  prefecture: { test: (f: string) => prefectureForms.has(f) && !countyForms.has(f), ...lengthIndex(prefectureForms) },
  county: { test: (f: string) => countyForms.has(f), ...lengthIndex(countyForms.keys()) },
};

export function countiesNamed(form: string): County[] {
  return countyForms.get(form) ?? [];
}

export function isCountyForm(form: string): boolean {
  return countyForms.has(form);
}

export function isPrefectureForm(form: string): boolean {
  return prefectureForms.has(form) && !countyForms.has(form);
}

export function isProvinceForm(form: string): boolean {
  return provinceForms.has(form);
}

/** The longest known name of the given level that starts at `at` in `s`, or null. */
export function nameAt(s: string, at: number, level: 'province' | 'prefecture' | 'county'): string | null {
  const l = LEVELS[level];
  for (const len of l.byFirst.get(s[at] as string) ?? []) {
    if (at + len > s.length) continue;
    const form = s.slice(at, at + len);
    if (l.test(form)) return form;
  }
  return null;
}

/** The longest known name of the given level that ends at `end` in `s`, or null. */
export function nameEndingAt(s: string, end: number, level: 'province' | 'prefecture' | 'county'): string | null {
  const l = LEVELS[level];
  for (const len of l.byLast.get(s[end - 1] as string) ?? []) {
    if (len > end) continue;
    const form = s.slice(end - len, end);
    if (l.test(form)) return form;
  }
  return null;
}

/**
 * The official name of a county written in a short form, when the text also writes the official
 * one (`本溪县` → `本溪满族自治县` in a report that says both); otherwise the form as written.
 */
export function fullestCountyForm(form: string, text: string): string {
  const units = countiesNamed(form);
  if (units.length !== 1) return form;
  const official = (units[0] as County).name;
  return official !== form && text.includes(official) ? official : form;
}
