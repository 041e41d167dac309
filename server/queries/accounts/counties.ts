import { count, eq, sql } from 'drizzle-orm';
import type { CountyRow } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { counties, organizations } from '../../db/schema';

/**
 * Adds a county to the list unless it is there. Raw SQL because the import's batch of prepared
 * statements (server/queries/reports/import-statements.ts, raw for speed) runs it too; addCounty below is the same.
 */
export const INSERT_COUNTY = 'insert into counties (name, created_at, created_by) values (?, ?, ?) on conflict (name) do nothing';

/** The county list, each with how many organisations are of it. */
export async function listCounties(db: Db): Promise<CountyRow[]> {
  const orgs = db.select({ n: count() }).from(organizations).where(eq(organizations.county, counties.name));
  return db
    .select({
      name: counties.name,
      createdAt: counties.createdAt,
      createdBy: counties.createdBy,
      organizations: sql<number>`(${orgs})`,
    })
    .from(counties)
    .orderBy(counties.name)
    .all();
}

/** Adds `name` to the list; false when it was there already. */
export async function addCounty(db: Db, name: string, by: string, now: string): Promise<boolean> {
  return (await db.insert(counties).values({ name, createdAt: now, createdBy: by }).onConflictDoNothing().run()).changes > 0;
}

/** How many organisations are of `county`. */
export async function organizationsOfCounty(db: Db, county: string): Promise<number> {
  return (await db.select({ n: count() }).from(organizations).where(eq(organizations.county, county)).get())?.n ?? 0;
}

/** Removes `name` from the list; false when it was not on it. */
export async function removeCounty(db: Db, name: string): Promise<boolean> {
  return (await db.delete(counties).where(eq(counties.name, name)).run()).changes > 0;
}
