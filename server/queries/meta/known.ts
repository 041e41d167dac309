import { and, eq, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { counties, organizations, reports } from '../../db/schema';
import { perConnection } from '../../db/statement-cache';

// asked on every analytic request (the guards), so built once per connection and prepared: the
// builder's own cost per call was 25 times the query's
const known = perConnection((db: Db) => ({
  yearHasReports: db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.year, sql.placeholder('year')), eq(reports.isCurrent, true)))
    .limit(1)
    .prepare(),
  countyHasOrganizations: db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.county, sql.placeholder('county')))
    .limit(1)
    .prepare(),
  countyListed: db
    .select({ name: counties.name })
    .from(counties)
    .where(eq(counties.name, sql.placeholder('name')))
    .prepare(),
  // two statements, so that each reads one end of the year index instead of scanning the table
  firstYear: db
    .select({ v: min(reports.year) })
    .from(reports)
    .prepare(),
  lastYear: db
    .select({ v: max(reports.year) })
    .from(reports)
    .prepare(),
  anyReport: db.select({ id: reports.id }).from(reports).limit(1).prepare(),
}));

/** Whether any current report is of `year`. */
export function yearHasReports(db: Db, year: number): boolean {
  return known(db).yearHasReports.get({ year }) !== undefined;
}

/** Whether any organisation is of `county`. */
export function countyHasOrganizations(db: Db, county: string): boolean {
  return known(db).countyHasOrganizations.get({ county }) !== undefined;
}

/** Whether `name` is on the county list the admin keeps. */
export function countyListed(db: Db, name: string): boolean {
  return known(db).countyListed.get({ name }) !== undefined;
}

/** The first and last year with a report. */
export function yearRange(db: Db): { lo: number | null; hi: number | null } {
  const s = known(db);
  return { lo: s.firstYear.get()?.v ?? null, hi: s.lastYear.get()?.v ?? null };
}

/** Reads the database once, cheaply: throws when it cannot be read (the health check). */
export function touchDatabase(db: Db): void {
  known(db).anyReport.all();
}
