import type { Organization as OrganizationRow } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** Organisations, all or those of one county; `county` of '' means the unassigned ones. */
export function getOrganizations(db: Db, county?: string): OrganizationRow[] {
  const base = 'select id, name, full_name as fullName, kind, county from organizations';
  if (county === undefined) return prepared(db, `${base} order by county, name`).all() as OrganizationRow[];
  if (county === '') return prepared(db, `${base} where county is null order by name`).all() as OrganizationRow[];
  return prepared(db, `${base} where county = ? order by name`).all(county) as OrganizationRow[];
}
