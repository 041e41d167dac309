import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { reports } from '../../db/schema';
import { writeTransaction } from '../../db/write';

/**
 * Makes an older version of a report the current one again (a wrongly imported file replaced a
 * good one): the version it replaces goes to history, nothing is deleted, and the change is
 * audited. Returns the id of the version that was current, or null when `id` already was.
 */
export async function makeCurrent(db: Db, id: number, by: { actor: string; ip: string | null }): Promise<number | null> {
  const previous = await writeTransaction(db, async (tx) => {
    const r = await tx
      .select({ id: reports.id, organizationId: reports.organizationId, year: reports.year, isCurrent: reports.isCurrent })
      .from(reports)
      .where(eq(reports.id, id))
      .get();
    if (!r || r.isCurrent) return null;
    const now = new Date().toISOString();
    const current = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.organizationId, r.organizationId), eq(reports.year, r.year), eq(reports.isCurrent, true)))
      .get();
    // one current version per unit and year (a unique index): the current one steps down first
    if (current) {
      await tx
        .update(reports)
        .set({ isCurrent: false, supersededAt: now, supersededById: id })
        .where(eq(reports.id, current.id))
        .run();
    }
    await tx.update(reports).set({ isCurrent: true, supersededAt: null, supersededById: null }).where(eq(reports.id, id)).run();
    await appendAudit(
      tx,
      { ...by, action: 'report.madeCurrent', target: `report ${id}`, detail: { replaced: current?.id ?? null } },
      now,
    );
    return current?.id ?? null;
  });
  return previous;
}
