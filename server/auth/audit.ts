import type { AuditAction, AuditRow } from '../../shared/schemas/index';
import type { Db } from '../db/client';
import { prepared } from '../db/statement-cache';
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
export function appendAudit(db: Db, e: AuditEntry, at = new Date().toISOString()): void {
  prepared(db, 'insert into audit_log (at, actor, ip, action, target, detail) values (?, ?, ?, ?, ?, ?)').run(
    at,
    e.actor,
    e.ip,
    e.action,
    e.target ?? null,
    e.detail ? JSON.stringify(e.detail) : null,
  );
}

/** Appends to the audit log in its own write, waiting politely for the lock like every server write. */
export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await writeTransaction(db, () => appendAudit(db, e));
}

/** The newest entries first, `limit` of them, before id `before`, of one action (prefix) if given. */
export function listAudit(db: Db, q: { limit: number; before?: number; action?: string; actor?: string }): AuditRow[] {
  const rows = prepared(
    db,
    `select id, at, actor, ip, action, target, detail from audit_log
      where id < ? and (? is null or action = ? or action like ? || '.%') and (? is null or actor = ?)
      order by id desc limit ?`,
  ).all(
    q.before ?? Number.MAX_SAFE_INTEGER,
    q.action ?? null,
    q.action ?? null,
    q.action ?? null,
    q.actor ?? null,
    q.actor ?? null,
    q.limit,
  ) as (Omit<AuditRow, 'detail'> & { detail: string | null })[];
  return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
}
