import { and, count, eq, gt, isNull, lt, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginFailures, users } from '../db/schema';
import { perConnection, statement } from '../db/statement-cache';
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

const p = sql.placeholder;
// asked at every sign-in: prepared once per connection
const statements = perConnection((db: Db) => ({
  failuresFromIp: statement(
    db,
    db
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.ip, p('ip')), gt(loginFailures.at, p('from')))),
  ),
  failuresOfPair: statement(
    db,
    db
      .select({ n: count(), oldest: min(loginFailures.at) })
      .from(loginFailures)
      .where(and(eq(loginFailures.name, p('name')), eq(loginFailures.ip, p('ip')), gt(loginFailures.at, p('from')))),
  ),
  failuresOfName: statement(
    db,
    db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.name, p('name')), gt(loginFailures.at, p('from')), eq(loginFailures.settled, 1))),
  ),
  lockedAt: statement(
    db,
    db
      .select({ lockedAt: users.lockedAt })
      .from(users)
      .where(eq(users.name, p('name'))),
  ),
}));

function since(now: number): string {
  return new Date(now - THROTTLE.windowMs).toISOString();
}

/** Whether an attempt from `ip` for `name` must wait, and how long (attempts being checked count too). */
export async function loginBlocked(db: Db, name: string, ip: string, now = Date.now()): Promise<Blocked | null> {
  const from = since(now);
  const wait = (oldest: string) => Math.max(1, Math.ceil((Date.parse(oldest) + THROTTLE.windowMs - now) / 1000));
  const s = statements(db);
  const byIp = await s.failuresFromIp.get({ ip, from });
  if (byIp && byIp.n >= THROTTLE.perIp && byIp.oldest) return { retryAfter: wait(byIp.oldest), by: 'ip' };
  const pair = await s.failuresOfPair.get({ name, ip, from });
  if (pair && pair.n >= THROTTLE.perNameAndIp && pair.oldest) return { retryAfter: wait(pair.oldest), by: 'name' };
  return null;
}

/**
 * The check and the count as one step: in one write transaction (one at a time, across processes),
 * either the attempt must wait, or it is counted at once — as a failure until its password proves
 * right — so that N attempts sent together count N, and the sixth of a name from an address waits
 * even while the first five are still being checked.
 */
export async function beginAttempt(
  db: Db,
  name: string,
  ip: string,
  now = Date.now(),
): Promise<{ blocked: Blocked } | { attempt: number }> {
  return writeTransaction(
    db,
    async (tx) => {
      const blocked = await loginBlocked(tx, name, ip, now);
      if (blocked) return { blocked };
      const row = await tx
        .insert(loginFailures)
        .values({ name, ip, at: new Date(now).toISOString(), settled: 0 })
        .returning({ id: loginFailures.id })
        .get();
      return { attempt: (row as { id: number }).id };
    },
    { changesData: false },
  );
}

/** An attempt that signed in: it counts as nothing, and the name's failures from the address are forgotten. */
export async function attemptSucceeded(db: Db, name: string, ip: string): Promise<void> {
  await writeTransaction(
    db,
    async (tx) =>
      await tx
        .delete(loginFailures)
        .where(and(eq(loginFailures.name, name), eq(loginFailures.ip, ip)))
        .run(),
    { changesData: false },
  );
}

/** An attempt refused without a check of its password (the account is locked): counted, and audited as refused. */
export async function attemptRefused(db: Db, attempt: number, name: string, ip: string, reason: string): Promise<void> {
  await writeTransaction(
    db,
    async (tx) => {
      await tx.update(loginFailures).set({ settled: 1 }).where(eq(loginFailures.id, attempt)).run();
      await appendAudit(tx, { actor: name, ip, action: 'login.refused', detail: { reason } });
    },
    { changesData: false },
  );
}

/** Settles an attempt as a failure (and audits it); locks the account when it has had too many. Returns whether it is now locked. */
export async function recordFailure(db: Db, name: string, ip: string, now = Date.now(), attempt?: number): Promise<boolean> {
  const at = new Date(now).toISOString();
  return writeTransaction(
    db,
    async (tx) => {
      if (attempt === undefined) await tx.insert(loginFailures).values({ name, ip, at }).run();
      else await tx.update(loginFailures).set({ settled: 1 }).where(eq(loginFailures.id, attempt)).run();
      // old failures count for nothing: keep the table small
      await tx
        .delete(loginFailures)
        .where(lt(loginFailures.at, new Date(now - 4 * THROTTLE.windowMs).toISOString()))
        .run();
      await appendAudit(tx, { actor: name, ip, action: 'login.failure' }, at);
      const n = (await statements(tx).failuresOfName.get({ name, from: since(now) }))?.n ?? 0;
      if (n < THROTTLE.lockAfter) return false;
      const locked = await tx
        .update(users)
        .set({ lockedAt: at })
        .where(and(eq(users.name, name), isNull(users.lockedAt)))
        .run();
      if (locked.changes > 0)
        await appendAudit(tx, { actor: null, ip, action: 'account.locked', target: name, detail: { failures: n } }, at);
      return locked.changes > 0 || (await isLocked(tx, name));
    },
    { changesData: false },
  );
}

export async function isLocked(db: Db, name: string): Promise<boolean> {
  const row = await statements(db).lockedAt.get({ name });
  return row !== undefined && row.lockedAt !== null;
}

/** An admin's unlock: the account signs in again, its failures forgotten. Returns false for an unknown name. */
export async function unlockAccount(db: Db, name: string, by: { actor: string; ip: string | null }): Promise<boolean> {
  return writeTransaction(
    db,
    async (tx) => {
      const changed = (await tx.update(users).set({ lockedAt: null }).where(eq(users.name, name)).run()).changes > 0;
      if (!changed) return false;
      await tx.delete(loginFailures).where(eq(loginFailures.name, name)).run();
      await appendAudit(tx, { actor: by.actor, ip: by.ip, action: 'account.unlocked', target: name });
      return true;
    },
    { changesData: false },
  );
}
