import type { Db } from '../db/client';
import { prepared } from '../db/statement-cache';
import { writeTransaction } from '../db/write';
import { appendAudit } from './audit';

/**
 * Failed sign-ins, counted in the database (so a restart forgets nothing) three ways:
 * - one name from one address: after 5 failures in 15 minutes, that pair waits;
 * - one address, any names (spraying many user names): after 20, the address waits;
 * - one account, any addresses: after 10, the account is locked until an admin unlocks it.
 */
export const THROTTLE = { perNameAndIp: 5, perIp: 20, lockAfter: 10, windowMs: 15 * 60_000 } as const;

export interface Blocked {
  /** Seconds until the oldest counted failure leaves the window. */
  retryAfter: number;
  by: 'name' | 'ip';
}

function since(now: number): string {
  return new Date(now - THROTTLE.windowMs).toISOString();
}

/** Whether an attempt from `ip` for `name` must wait, and how long. */
export function loginBlocked(db: Db, name: string, ip: string, now = Date.now()): Blocked | null {
  const from = since(now);
  const wait = (oldest: string) => Math.max(1, Math.ceil((Date.parse(oldest) + THROTTLE.windowMs - now) / 1000));
  const byIp = prepared(db, 'select count(*) as n, min(at) as oldest from login_failures where ip = ? and at > ?').get(
    ip,
    from,
  ) as {
    n: number;
    oldest: string;
  };
  if (byIp.n >= THROTTLE.perIp) return { retryAfter: wait(byIp.oldest), by: 'ip' };
  const pair = prepared(
    db,
    'select count(*) as n, min(at) as oldest from login_failures where name = ? and ip = ? and at > ?',
  ).get(name, ip, from) as { n: number; oldest: string };
  if (pair.n >= THROTTLE.perNameAndIp) return { retryAfter: wait(pair.oldest), by: 'name' };
  return null;
}

/** Counts a failure (and audits it); locks the account when it has had too many. Returns whether it is now locked. */
export async function recordFailure(db: Db, name: string, ip: string, now = Date.now()): Promise<boolean> {
  const at = new Date(now).toISOString();
  return writeTransaction(db, () => {
    prepared(db, 'insert into login_failures (name, ip, at) values (?, ?, ?)').run(name, ip, at);
    // old failures count for nothing: keep the table small
    prepared(db, 'delete from login_failures where at < ?').run(new Date(now - 4 * THROTTLE.windowMs).toISOString());
    appendAudit(db, { actor: name, ip, action: 'login.failure' }, at);
    const n = (
      prepared(db, 'select count(*) as n from login_failures where name = ? and at > ?').get(name, since(now)) as { n: number }
    ).n;
    if (n < THROTTLE.lockAfter) return false;
    const locked = prepared(db, 'update users set locked_at = ? where name = ? and locked_at is null').run(at, name);
    if (locked.changes > 0)
      appendAudit(db, { actor: null, ip, action: 'account.locked', target: name, detail: { failures: n } }, at);
    return locked.changes > 0 || isLocked(db, name);
  });
}

/** Forgets a name's failures from an address after it signs in. */
export async function clearFailures(db: Db, name: string, ip: string): Promise<void> {
  await writeTransaction(db, () => prepared(db, 'delete from login_failures where name = ? and ip = ?').run(name, ip));
}

export function isLocked(db: Db, name: string): boolean {
  const row = prepared(db, 'select locked_at as lockedAt from users where name = ?').get(name) as
    | { lockedAt: string | null }
    | undefined;
  return row?.lockedAt !== null && row?.lockedAt !== undefined;
}

/** An admin's unlock: the account signs in again, its failures forgotten. Returns false for an unknown name. */
export async function unlockAccount(db: Db, name: string, by: { actor: string; ip: string | null }): Promise<boolean> {
  return writeTransaction(db, () => {
    const changed = prepared(db, 'update users set locked_at = null where name = ?').run(name).changes > 0;
    if (!changed) return false;
    prepared(db, 'delete from login_failures where name = ?').run(name);
    appendAudit(db, { actor: by.actor, ip: by.ip, action: 'account.unlocked', target: name });
    return true;
  });
}
