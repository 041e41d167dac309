import { and, eq } from 'drizzle-orm';
import { byName } from '../../../shared/rank';
import { aliasesOf, parseOrgName, unitNameProblem } from '../../../shared/report/index';
import type { Roster, RosterChanged } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { organizations, reports, rosterEntries } from '../../db/schema';
import { addCounty } from '../accounts/counties';
import { resolveOrganization } from '../organizations/resolve';

/** A county's roster (应报单位) for a year, each unit with its current report of the year if any. */
export async function getRoster(db: Db, county: string, year: number): Promise<Roster> {
  const e = rosterEntries;
  const entries = (
    await db
      .select({ id: organizations.id, name: organizations.name, addedAt: e.addedAt, addedBy: e.addedBy, reportId: reports.id })
      .from(e)
      .innerJoin(organizations, eq(organizations.id, e.organizationId))
      .leftJoin(reports, and(eq(reports.organizationId, e.organizationId), eq(reports.year, year), eq(reports.isCurrent, true)))
      .where(and(eq(e.county, county), eq(e.year, year)))
      .all()
  )
    .map(({ id, name, reportId, ...x }) => ({ organization: { id, name }, reportId, ...x }))
    // by name as the office orders names (pinyin), as the score table does
    .sort((a, b) => byName(a.organization.name, b.organization.name));
  return { county, year, entries, years: await rosterYears(db, county) };
}

/** The years a county has a roster for. */
export async function rosterYears(db: Db, county: string): Promise<number[]> {
  return (
    await db
      .selectDistinct({ year: rosterEntries.year })
      .from(rosterEntries)
      .where(eq(rosterEntries.county, county))
      .orderBy(rosterEntries.year)
      .all()
  ).map((r) => r.year);
}

/** Every roster entry of a county: year → organisation ids. */
export async function rostersOfCounty(db: Db, county: string): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  for (const r of await db.select().from(rosterEntries).where(eq(rosterEntries.county, county)).all()) {
    const s = out.get(r.year) ?? new Set<number>();
    s.add(r.organizationId);
    out.set(r.year, s);
  }
  return out;
}

/** The organisation ids on a county's roster for a year; null when no roster was set for it. */
export async function rosterIds(db: Db, county: string, year: number): Promise<Set<number> | null> {
  return (await rostersOfCounty(db, county)).get(year) ?? null;
}

/**
 * Puts units on a county's roster for a year by name, as written in the county's list (新山傈僳族乡,
 * 米易县丙谷镇人民政府, 县卫生健康局): a name is matched to the unit its reports come under, or the
 * unit is created so that its report, when it comes, joins it. Call inside a write transaction.
 */
export async function addToRoster(
  db: Db,
  county: string,
  year: number,
  names: readonly string[],
  by: string,
  now: string,
): Promise<RosterChanged> {
  const out: RosterChanged = { added: [], matched: [], created: [], already: [], refused: [] };
  await addCounty(db, county, by, now);
  const seen = new Set<string>();
  for (const written of names) {
    const name = written.replace(/\s+/g, '');
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    const problem = unitNameProblem(name);
    if (problem) {
      out.refused.push({ name, reason: problem });
      continue;
    }
    const parsed = parseOrgName(name);
    if (!parsed) {
      out.refused.push({ name, reason: '不是单位名称（应为乡、镇、街道或部门的名称）' });
      continue;
    }
    if (parsed.county !== null && parsed.county !== county) {
      out.refused.push({ name, reason: `属于${parsed.county}，不属于${county}` });
      continue;
    }
    const { org, created } = await resolveOrganization(
      db,
      {
        name: parsed.name,
        fullName: parsed.fullName !== parsed.name ? parsed.fullName : null,
        kind: parsed.kind,
        county,
        aliases: [...new Set([parsed.name, ...aliasesOf(parsed.name), name])],
      },
      now,
    );
    const added = (
      await db
        .insert(rosterEntries)
        .values({ county, year, organizationId: org.id, addedAt: now, addedBy: by })
        .onConflictDoNothing()
        .run()
    ).changes;
    (added > 0 ? out.added : out.already).push(org.name);
    if (added > 0) (created ? out.created : out.matched).push(org.name);
  }
  return out;
}

/** Copies another year's roster of the county into this year's (units already on it stay). */
export async function copyRoster(db: Db, county: string, year: number, from: number, by: string, now: string): Promise<number> {
  const units = await db
    .select({ organizationId: rosterEntries.organizationId })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.county, county), eq(rosterEntries.year, from)))
    .all();
  if (units.length === 0) return 0;
  return (
    await db
      .insert(rosterEntries)
      .values(units.map((u) => ({ county, year, organizationId: u.organizationId, addedAt: now, addedBy: by })))
      .onConflictDoNothing()
      .run()
  ).changes;
}

export async function removeFromRoster(db: Db, county: string, year: number, organizationId: number): Promise<boolean> {
  return (
    (
      await db
        .delete(rosterEntries)
        .where(
          and(eq(rosterEntries.county, county), eq(rosterEntries.year, year), eq(rosterEntries.organizationId, organizationId)),
        )
        .run()
    ).changes > 0
  );
}
