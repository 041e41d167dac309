import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** Counties with their number of organisations; `county: null` collects the unassigned ones. */
export function getCounties(db: Db): { county: string | null; organizations: number }[] {
  return prepared(
    db,
    'select county, count(*) as organizations from organizations group by county order by county is null, county',
  ).all() as { county: string | null; organizations: number }[];
}
