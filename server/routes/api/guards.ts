import type { Db } from '../../db/client';
import { HttpError } from '../../plugins/errors';
import { prepared } from '../../queries/statement-cache';

/** A year the database holds no report for is a 404, not an empty answer that looks like zeros. */
export function assertYearKnown(db: Db, year: number): void {
  const hit = prepared(db, 'select 1 from reports where year = ? and is_current = 1 limit 1').get(year);
  if (!hit) throw new HttpError(404, 'unknown_year', `没有 ${year} 年度的报告`);
}

/** A county filter must name a county on record ('' selects the organisations without one). */
export function assertCountyKnown(db: Db, county: string | undefined): void {
  if (county === undefined || county === '') return;
  const hit = prepared(db, 'select 1 from organizations where county = ? limit 1').get(county);
  if (!hit) throw new HttpError(404, 'unknown_county', `没有“${county}”的单位`);
}
