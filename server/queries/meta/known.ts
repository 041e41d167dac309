import { and, eq, max, min } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { counties, organizations, reports } from '../../db/schema';

/** Whether any current report is of `year`. */
export function yearHasReports(db: Db, year: number): boolean {
  return (
    db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.year, year), eq(reports.isCurrent, true)))
      .limit(1)
      .get() !== undefined
  );
}

/** Whether any organisation is of `county`. */
export function countyHasOrganizations(db: Db, county: string): boolean {
  return (
    db.select({ id: organizations.id }).from(organizations).where(eq(organizations.county, county)).limit(1).get() !== undefined
  );
}

/** Whether `name` is on the county list the admin keeps. */
export function countyListed(db: Db, name: string): boolean {
  return db.select({ name: counties.name }).from(counties).where(eq(counties.name, name)).get() !== undefined;
}

/** The first and last year with a report (each read from one end of the year index). */
export function yearRange(db: Db): { lo: number | null; hi: number | null } {
  const lo =
    db
      .select({ v: min(reports.year) })
      .from(reports)
      .get()?.v ?? null;
  const hi =
    db
      .select({ v: max(reports.year) })
      .from(reports)
      .get()?.v ?? null;
  return { lo, hi };
}

/** Reads the database once, cheaply: throws when it cannot be read (the health check). */
export function touchDatabase(db: Db): void {
  db.select({ id: reports.id }).from(reports).limit(1).all();
}
