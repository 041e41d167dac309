import { and, eq, inArray, or } from 'drizzle-orm';
import { aliasesOf } from '../../shared/report/index';
import type { ParsedReport } from '../../shared/report/types';
import type { Db } from '../db/client';
import { type Organization, organizationAliases, organizations } from '../db/schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface OrgIdentity {
  name: string;
  fullName: string | null;
  kind: string;
  county: string | null;
  aliases: string[];
}

/** What a parsed report says about whose it is, with the county given at import as a fallback. */
export function identityOf(report: ParsedReport, importCounty: string | null): OrgIdentity | null {
  const name = report.org.name;
  if (!name) return null;
  const aliases = new Set([name, ...aliasesOf(name), ...report.orgAliases]);
  if (report.org.fullName) aliases.add(report.org.fullName);
  return {
    name,
    fullName: report.org.fullName,
    kind: report.org.kind ?? '其他',
    county: report.org.county ?? importCounty,
    aliases: [...aliases],
  };
}

/**
 * Finds the organisation a report belongs to, or creates it. The same town under another of its
 * names (新山乡 / 新山傈僳族乡) is one organisation; a town of the same name in another county is
 * another. An organisation without a county takes the first county a report or import gives it.
 */
export function resolveOrganization(tx: Tx, id: OrgIdentity, now: string): Organization {
  const byAlias = tx
    .select({ org: organizations })
    .from(organizations)
    .leftJoin(organizationAliases, eq(organizationAliases.organizationId, organizations.id))
    .where(or(inArray(organizations.name, id.aliases), inArray(organizationAliases.alias, id.aliases)))
    .all()
    .map((r) => r.org);
  const compatible = byAlias.filter((o) => o.county === id.county || o.county === null || id.county === null);
  const found =
    compatible.find((o) => o.county === id.county && o.county !== null) ??
    compatible.find((o) => o.county === null) ??
    compatible[0];

  let org: Organization;
  if (!found) {
    org = tx
      .insert(organizations)
      .values({ name: id.name, fullName: id.fullName, kind: id.kind, county: id.county, createdAt: now })
      .returning()
      .get();
  } else {
    const patch: Partial<Organization> = {};
    if (found.county === null && id.county !== null) patch.county = id.county;
    // the official name (新山傈僳族乡) wins over a short one (新山乡) seen first
    if (found.name !== id.name && aliasesOf(id.name).includes(found.name)) patch.name = id.name;
    if (!found.fullName && id.fullName) patch.fullName = id.fullName;
    org =
      Object.keys(patch).length > 0
        ? tx.update(organizations).set(patch).where(eq(organizations.id, found.id)).returning().get()
        : found;
  }
  const known = new Set(
    tx
      .select({ alias: organizationAliases.alias })
      .from(organizationAliases)
      .where(and(eq(organizationAliases.organizationId, org.id), inArray(organizationAliases.alias, id.aliases)))
      .all()
      .map((r) => r.alias),
  );
  const fresh = id.aliases.filter((a) => !known.has(a));
  if (fresh.length > 0)
    tx.insert(organizationAliases)
      .values(fresh.map((alias) => ({ organizationId: org.id, alias })))
      .run();
  return org;
}
