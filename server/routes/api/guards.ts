import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { countyHasOrganizations, yearHasReports } from '../../queries/meta/known';

/** A year the database holds no report for is a 404, not an empty answer that looks like zeros. */
export async function assertYearKnown(db: Db, year: number): Promise<void> {
  if (!(await yearHasReports(db, year))) throw new HttpError(404, 'unknown_year', `没有 ${year} 年度的报告`);
}

/** A county filter must name a county on record ('' selects the organisations without one). */
export async function assertCountyKnown(db: Db, county: string | undefined): Promise<void> {
  if (county === undefined || county === '') return;
  if (!(await countyHasOrganizations(db, county))) throw new HttpError(404, 'unknown_county', `没有“${county}”的单位`);
}
