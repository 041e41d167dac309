import { eq, inArray } from 'drizzle-orm';
import { aliasesOf } from '../../../shared/report/index';
import type { Db } from '../../db/client';
import { type Organization, organizations } from '../../db/schema';
import { ingestSql } from '../reports/import-statements';

/** Who a report belongs to, as the import reads it: its names, kind and county, or the unit an uploader chose. */
export interface OrgIdentity {
  name: string;
  fullName: string | null;
  kind: string;
  county: string | null;
  aliases: string[];
  /** An existing unit the uploader chose for a report whose text names none. */
  organizationId?: number;
}

/** The unit an uploader chose no longer exists (merged or deleted meanwhile). */
export class UnknownUnitError extends Error {
  constructor(readonly organizationId: number) {
    super(`organisation ${organizationId} not found`);
  }
}

/**
 * Finds the organisation a report belongs to, or creates it; call inside the report's transaction.
 * The same town under another of its names (新山乡 / 新山傈僳族乡) is one organisation; a town of
 * the same name in another county is another. An organisation without a county takes the first
 * county a report or an import gives it. A unit the uploader chose (organizationId) is taken as it is.
 */
export async function resolveOrganization(
  db: Db,
  id: OrgIdentity,
  now: string,
): Promise<{ org: Organization; countyAssigned: boolean; created: boolean }> {
  if (id.organizationId !== undefined) {
    const chosen = await db.select().from(organizations).where(eq(organizations.id, id.organizationId)).get();
    if (!chosen) throw new UnknownUnitError(id.organizationId);
    return { org: chosen, countyAssigned: false, created: false };
  }
  // every organisation's own name is among its aliases, so the alias index answers alone
  const ids = (await ingestSql.orgIdsByAlias(db, id.aliases)).map((r) => r.id);
  const candidates = ids.length > 0 ? await db.select().from(organizations).where(inArray(organizations.id, ids)).all() : [];
  const compatible = candidates.filter((o) => o.county === id.county || o.county === null || id.county === null);
  const found =
    compatible.find((o) => o.county === id.county && o.county !== null) ??
    compatible.find((o) => o.county === null) ??
    compatible[0];

  let org: Organization;
  let countyAssigned = false;
  if (!found) {
    org = await db
      .insert(organizations)
      .values({ name: id.name, fullName: id.fullName, kind: id.kind, county: id.county, createdAt: now })
      .returning()
      .get();
  } else {
    const patch: Partial<Organization> = {};
    if (found.county === null && id.county !== null) {
      patch.county = id.county;
      countyAssigned = true;
    }
    // the official name (新山傈僳族乡) wins over a short one (新山乡) seen first
    if (found.name !== id.name && aliasesOf(id.name).includes(found.name)) patch.name = id.name;
    if (!found.fullName && id.fullName) patch.fullName = id.fullName;
    org =
      Object.keys(patch).length > 0
        ? await db.update(organizations).set(patch).where(eq(organizations.id, found.id)).returning().get()
        : found;
  }
  const known = new Set((await ingestSql.aliasesOfOrg(db, org.id)).map((r) => r.alias));
  for (const alias of id.aliases) if (!known.has(alias)) await ingestSql.insertAlias(db, org.id, alias);
  return { org, countyAssigned, created: !found };
}
