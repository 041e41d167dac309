/**
 * The kinds of unit a county ranks apart: townships and streets with each other, county departments
 * with each other, the county government alone. A district government's 4,109 items ranked above
 * a township's 94 compares nothing, so no ranking, chart or 通报 ever mixes them.
 */
export const UNIT_GROUPS = {
  township: '乡镇（街道）',
  department: '县直部门',
  government: '县（区）政府',
  other: '其他单位',
} as const;
export type UnitGroup = keyof typeof UNIT_GROUPS;
export const UNIT_GROUP_KEYS = Object.keys(UNIT_GROUPS) as UnitGroup[];

/** The group of an organisation by its kind as the parser and the 单位 page record it (乡, 镇, 街道, 部门, 县政府, 其他). */
export function unitGroupOf(kind: string | null | undefined): UnitGroup {
  if (kind === '乡' || kind === '镇' || kind === '街道') return 'township';
  if (kind === '部门') return 'department';
  if (kind === '县政府') return 'government';
  return 'other';
}

/** How many units of each group there are, in the groups' order, leaving out empty groups. */
export function groupCounts(kinds: readonly (string | null)[]): { group: UnitGroup; label: string; organizations: number }[] {
  const n = new Map<UnitGroup, number>();
  for (const k of kinds) n.set(unitGroupOf(k), (n.get(unitGroupOf(k)) ?? 0) + 1);
  return UNIT_GROUP_KEYS.filter((g) => n.has(g)).map((g) => ({ group: g, label: UNIT_GROUPS[g], organizations: n.get(g) ?? 0 }));
}

/**
 * The group a view shows when none is asked for: the townships when there are any (the county's
 * usual comparison), else the first group present. 'all' lists every group, each ranked on its own.
 */
export function defaultGroup(present: readonly UnitGroup[]): UnitGroup | 'all' {
  return present.includes('township') ? 'township' : (present[0] ?? 'all');
}
