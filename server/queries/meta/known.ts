import { and, eq, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { counties, organizations, reports } from '../../db/schema';
import { perConnection, statement } from '../../db/statement-cache';

// asked on every analytic request (the guards), so built once per connection and prepared: the
// builder's own cost per call was 25 times the query's
const known = perConnection((db: Db) => ({
  yearHasReports: statement(
    db,
    db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.year, sql.placeholder('year')), eq(reports.isCurrent, true)))
      .limit(1),
  ),
  countyHasOrganizations: statement(
    db,
    db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.county, sql.placeholder('county')))
      .limit(1),
  ),
  countyListed: statement(
    db,
    db
      .select({ name: counties.name })
      .from(counties)
      .where(eq(counties.name, sql.placeholder('name'))),
  ),
  // two statements, so that each reads one end of the year index instead of scanning the table
  firstYear: statement(db, db.select({ v: min(reports.year) }).from(reports)),
  lastYear: statement(db, db.select({ v: max(reports.year) }).from(reports)),
  anyReport: statement(db, db.select({ id: reports.id }).from(reports).limit(1)),
}));

/** Whether any current report is of `year`. */
export async function yearHasReports(db: Db, year: number): Promise<boolean> {
  return (await known(db).yearHasReports.get({ year })) !== undefined;
}

/** Whether any organisation is of `county`. */
export async function countyHasOrganizations(db: Db, county: string): Promise<boolean> {
  return (await known(db).countyHasOrganizations.get({ county })) !== undefined;
}

/** Whether `name` is on the county list the admin keeps. */
export async function countyListed(db: Db, name: string): Promise<boolean> {
  return (await known(db).countyListed.get({ name })) !== undefined;
}

/** The first and last year with a report. */
export async function yearRange(db: Db): Promise<{ lo: number | null; hi: number | null }> {
  const s = known(db);
  return { lo: (await s.firstYear.get())?.v ?? null, hi: (await s.lastYear.get())?.v ?? null };
}

/** Reads the database once, cheaply: throws when it cannot be read (the health check). */
export async function touchDatabase(db: Db): Promise<void> {
  await known(db).anyReport.all();
}
