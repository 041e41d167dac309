import { and, desc, eq, like, lt, or } from 'drizzle-orm';
import type { AuditAction, AuditRow } from '../../shared/schemas/index';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import { writeTransaction } from '../db/write';

export type { AuditAction, AuditRow };

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
  return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
}
