import { and, desc, eq, inArray, like, lt, or } from 'drizzle-orm';
import type { AuditAction, AuditRow } from '../../shared/schemas/index';
import type { Db } from '../db/client';
import { auditLog, organizations, reports } from '../db/schema';
import { writeTransaction } from '../db/write';

export type { AuditAction, AuditRow };

const REPORT_TARGET = /^report \d+$/;

export interface AuditEntry {
  /** Who: the signed-in user, the name tried at a failed sign-in, or null for the system. */
  actor: string | null;
  /** From where: the client address, or null (the command line). */
  ip: string | null;
  action: AuditAction;
  /** What it was done to: a user, a file, a report, a county. */
  target?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log (the table refuses updates and deletes). Call inside a transaction, or use `audit`. */
export async function appendAudit(db: Db, e: AuditEntry, at = new Date().toISOString()): Promise<void> {
  await db
    .insert(auditLog)
    .values({
      at,
      actor: e.actor,
      ip: e.ip,
      action: e.action,
      target: e.target ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .run();
}

/** Appends to the audit log in its own write, waiting politely for the lock like every server write. */
export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await writeTransaction(db, (tx) => appendAudit(tx, e), { changesData: false });
}

/** The newest entries first, `limit` of them, before id `before`, of one action (prefix) if given. */
export async function listAudit(
  db: Db,
  q: { limit: number; before?: number; action?: string; actor?: string },
): Promise<AuditRow[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        q.before !== undefined ? lt(auditLog.id, q.before) : undefined,
        q.action ? or(eq(auditLog.action, q.action), like(auditLog.action, `${q.action}.%`)) : undefined,
        q.actor ? eq(auditLog.actor, q.actor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .all();
  // a report named as the office knows it: 新山傈僳族乡 2024 年度报告（第 7 号）, not `report 7`
  const reportIds = [
    ...new Set(rows.flatMap((r) => (r.target && REPORT_TARGET.test(r.target) ? [Number(r.target.slice(7))] : []))),
  ];
  const named =
    reportIds.length === 0
      ? new Map<number, string>()
      : new Map(
          (
            await db
              .select({ id: reports.id, year: reports.year, name: organizations.name })
              .from(reports)
              .innerJoin(organizations, eq(organizations.id, reports.organizationId))
              .where(inArray(reports.id, reportIds))
              .all()
          ).map((x) => [x.id, `${x.name} ${x.year} 年度报告（第 ${x.id} 号）`]),
        );
  return rows.map((r) => ({
    ...r,
    targetLabel:
      r.target && REPORT_TARGET.test(r.target)
        ? (named.get(Number(r.target.slice(7))) ?? `已删除的报告（第 ${r.target.slice(7)} 号）`)
        : r.target,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}
