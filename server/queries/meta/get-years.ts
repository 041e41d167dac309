import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { reports } from '../../db/schema';

/** Years with at least one current report, newest first, with how many reports each has. */
export async function getYears(db: Db): Promise<{ year: number; reports: number }[]> {
  return db
    .select({ year: reports.year, reports: count() })
    .from(reports)
    .where(eq(reports.isCurrent, true))
    .groupBy(reports.year)
    .orderBy(desc(reports.year))
    .all();
}
