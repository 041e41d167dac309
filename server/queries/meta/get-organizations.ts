import { eq, isNull } from 'drizzle-orm';
import type { Organization as OrganizationRow } from '../../../shared/schemas/index';
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
