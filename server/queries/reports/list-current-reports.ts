import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizations, reports } from '../../db/schema';

/** The current (not superseded) report of every organisation for a year — what the dashboard shows. */
export function listCurrentReports(db: Db, year: number) {
  return db
    .select({
      reportId: reports.id,
      organizationId: organizations.id,
      name: organizations.name,
      county: organizations.county,
      proactiveTotal: reports.proactiveTotal,
      publishedOn: reports.publishedOn,
    })
    .from(reports)
    .innerJoin(organizations, eq(reports.organizationId, organizations.id))
    .where(and(eq(reports.year, year), eq(reports.isCurrent, true)))
    .orderBy(asc(organizations.name))
    .all();
}
