import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { organizationAliases, organizations, reports, rosterEntries } from '../../db/schema';
import { writeTransaction } from '../../db/write';

type By = { actor: string; ip: string | null };

/** An organisation with every name it has been written as and how many reports it has. */
export async function organizationDetails(db: Db, county?: string) {
  const o = organizations;
  const rows = await db
    .select({ id: o.id, name: o.name, fullName: o.fullName, kind: o.kind, county: o.county })
    .from(o)
    .where(county === undefined ? undefined : eq(o.county, county))
    .orderBy(o.county, o.name)
    .all();
  const ids = rows.map((r) => r.id);
  const aliases = ids.length
    ? await db
        .select({ id: organizationAliases.organizationId, alias: organizationAliases.alias })
        .from(organizationAliases)
        .where(inArray(organizationAliases.organizationId, ids))
        .all()
    : [];
  const counts = ids.length
    ? await db
        .select({ id: reports.organizationId, n: count() })
        .from(reports)
        .where(and(inArray(reports.organizationId, ids), eq(reports.isCurrent, true)))
        .groupBy(reports.organizationId)
        .all()
    : [];
  return rows.map((r) => ({
    ...r,
    aliases: aliases.filter((a) => a.id === r.id).map((a) => a.alias),
    reports: counts.find((c) => c.id === r.id)?.n ?? 0,
  }));
}

async function addAlias(db: Db, organizationId: number, alias: string): Promise<void> {
  await db.insert(organizationAliases).values({ organizationId, alias }).onConflictDoNothing().run();
}

/**
 * Renames an organisation and/or sets its county. The old name stays an alias, so a later report
 * that still uses it is matched to the same unit. Audited. False when there is no such unit.
 */
export async function updateOrganization(
  db: Db,
  id: number,
  change: { name?: string; county?: string | null },
  by: By,
): Promise<boolean> {
  const ok = await writeTransaction(db, async (tx) => {
    const before = await tx.select().from(organizations).where(eq(organizations.id, id)).get();
    if (!before) return false;
    const set: { name?: string; county?: string | null } = {};
    if (change.name !== undefined && change.name !== before.name) {
      set.name = change.name;
      await addAlias(tx, id, before.name);
      await addAlias(tx, id, change.name);
    }
    if (change.county !== undefined && change.county !== before.county) set.county = change.county;
    if (Object.keys(set).length === 0) return true;
    await tx.update(organizations).set(set).where(eq(organizations.id, id)).run();
    if (set.name !== undefined) {
      await appendAudit(tx, {
        ...by,
        action: 'organization.renamed',
        target: before.name,
        detail: { organizationId: id, to: set.name },
      });
    }
    if (set.county !== undefined) {
      await appendAudit(tx, {
        ...by,
        action: 'organization.county',
        target: set.name ?? before.name,
        detail: { organizationId: id, county: set.county, previous: before.county },
      });
    }
    return true;
  });
  return ok;
}

/**
 * Merges organisation `from` into `into` (the same unit imported under two names): its names become
 * aliases of `into` and its reports move to `into`. Where both have a current report for a year,
 * the one imported last stays current and the other goes to history (nothing is deleted). Audited.
 */
export async function mergeOrganizations(db: Db, into: number, from: number, by: By): Promise<'merged' | 'not_found' | 'same'> {
  if (into === from) return 'same';
  const result = await writeTransaction(db, async (tx) => {
    const a = await tx.select().from(organizations).where(eq(organizations.id, into)).get();
    const b = await tx.select().from(organizations).where(eq(organizations.id, from)).get();
    if (!a || !b) return 'not_found' as const;
    for (const x of await tx.select().from(organizationAliases).where(eq(organizationAliases.organizationId, from)).all()) {
      await addAlias(tx, into, x.alias);
    }
    await addAlias(tx, into, b.name);
    await tx.delete(organizationAliases).where(eq(organizationAliases.organizationId, from)).run();
    const years = await tx
      .select({ id: reports.id, year: reports.year })
      .from(reports)
      .where(and(eq(reports.organizationId, from), eq(reports.isCurrent, true)))
      .all();
    const now = new Date().toISOString();
    for (const y of years) {
      // two current versions of one year: the later import wins, the other goes to history
      const both = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(and(inArray(reports.organizationId, [into, from]), eq(reports.year, y.year), eq(reports.isCurrent, true)))
        .orderBy(desc(reports.importedAt), desc(reports.id))
        .all();
      const [keep, ...rest] = both;
      for (const r of rest) {
        await tx
          .update(reports)
          .set({ isCurrent: false, supersededAt: now, supersededById: keep?.id ?? null })
          .where(eq(reports.id, r.id))
          .run();
      }
    }
    await tx.update(reports).set({ organizationId: into }).where(eq(reports.organizationId, from)).run();
    // its places on the rosters (应报单位) go to the unit it joins, once per county and year
    for (const e of await tx.select().from(rosterEntries).where(eq(rosterEntries.organizationId, from)).all()) {
      await tx
        .insert(rosterEntries)
        .values({ ...e, id: undefined, organizationId: into })
        .onConflictDoNothing()
        .run();
    }
    await tx.delete(rosterEntries).where(eq(rosterEntries.organizationId, from)).run();
    await tx.delete(organizations).where(eq(organizations.id, from)).run();
    await appendAudit(tx, {
      ...by,
      action: 'organization.merged',
      target: a.name,
      detail: { into, from, fromName: b.name, reportsMoved: years.length },
    });
    return 'merged' as const;
  });
  return result;
}
