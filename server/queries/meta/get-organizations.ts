import { eq, isNull } from 'drizzle-orm';
import type { Organization as OrganizationRow } from '../../../shared/schemas/index';
import { defaultGroup, groupCounts, type UnitGroup, unitGroupOf } from '../../../shared/unit-groups';
import type { Db } from '../../db/client';
import { cached } from '../../db/result-cache';
import { organizations } from '../../db/schema';

/** Organisations, all or those of one county; `county` of '' means the unassigned ones. Kept until the data changes. */
export function getOrganizations(db: Db, county?: string): Promise<OrganizationRow[]> {
  return cached(db, `organizations|${county ?? '*'}`, () => organizationsOf(db, county), { bucket: 'organizations', max: 200 });
}

async function organizationsOf(db: Db, county?: string): Promise<OrganizationRow[]> {
  const o = organizations;
  return (await db
    .select({ id: o.id, name: o.name, fullName: o.fullName, kind: o.kind, county: o.county })
    .from(o)
    .where(county === undefined ? undefined : county === '' ? isNull(o.county) : eq(o.county, county))
    .orderBy(o.county, o.name)
    .all()) as OrganizationRow[];
}

/**
 * The organisations a ranking, chart or export covers: those of the county in the unit group asked
 * for (the default group when none is: the townships when there are any), with the groups present.
 */
export async function organizationsInScope(
  db: Db,
  county: string | undefined,
  group: UnitGroup | 'all' | undefined,
): Promise<{
  orgs: OrganizationRow[];
  /** Every organisation of the county, whatever its group. */
  all: OrganizationRow[];
  group: UnitGroup | 'all';
  groups: ReturnType<typeof groupCounts>;
}> {
  const all = await getOrganizations(db, county);
  const groups = groupCounts(all.map((o) => o.kind));
  const chosen = group ?? defaultGroup(groups.map((g) => g.group));
  return { orgs: chosen === 'all' ? all : all.filter((o) => unitGroupOf(o.kind) === chosen), all, group: chosen, groups };
}
