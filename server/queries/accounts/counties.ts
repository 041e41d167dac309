import type { CountyRow } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** Adds a county to the list unless it is there; the import's batch of statements uses it too. */
export const INSERT_COUNTY = 'insert or ignore into counties (name, created_at, created_by) values (?, ?, ?)';

/** The county list, each with how many organisations are of it. */
export function listCounties(db: Db): CountyRow[] {
  return prepared(
    db,
    `select c.name, c.created_at as createdAt, c.created_by as createdBy,
            (select count(*) from organizations o where o.county = c.name) as organizations
       from counties c order by c.name`,
  ).all() as CountyRow[];
}

/** Adds `name` to the list; false when it was there already. */
export function addCounty(db: Db, name: string, by: string, now: string): boolean {
  return prepared(db, INSERT_COUNTY).run(name, now, by).changes > 0;
}

/** How many organisations are of `county`. */
export function organizationsOfCounty(db: Db, county: string): number {
  return (prepared(db, 'select count(*) as n from organizations where county = ?').get(county) as { n: number }).n;
}

/** Removes `name` from the list; false when it was not on it. */
export function removeCounty(db: Db, name: string): boolean {
  return prepared(db, 'delete from counties where name = ?').run(name).changes > 0;
}
