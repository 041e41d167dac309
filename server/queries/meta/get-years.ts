import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** Years with at least one current report, newest first, with how many reports each has. */
export function getYears(db: Db): { year: number; reports: number }[] {
  return prepared(
    db,
    'select year, count(*) as reports from reports where is_current = 1 group by year order by year desc',
  ).all() as { year: number; reports: number }[];
}
