import { count, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizations } from '../../db/schema';

/** Counties with their number of organisations; `county: null` collects the unassigned ones (last). */
export async function getCounties(db: Db): Promise<{ county: string | null; organizations: number }[]> {
  return db
    .select({ county: organizations.county, organizations: count() })
    .from(organizations)
    .groupBy(organizations.county)
    .orderBy(sql`${organizations.county} is null`, organizations.county)
    .all();
}
