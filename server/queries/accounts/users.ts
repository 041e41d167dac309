import { and, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { UserRow } from '../../../shared/schemas/index';
import { appendAudit } from '../../auth/audit';
import type { Db } from '../../db/client';
import { loginFailures, sessions, users } from '../../db/schema';
import { perConnection, statement } from '../../db/statement-cache';
import { writeTransaction } from '../../db/write';

/** The change would leave no administrator: nobody could manage accounts any more. */
export class LastAdminError extends Error {
  constructor() {
    super('the last administrator cannot give up the role');
  }
}

/**
 * Inside a write transaction (one at a time, across processes): refuses a change that takes the
 * role away from the last administrator — checked and made in one step, so two admins demoting
 * each other at once leave one of them.
 */
async function keepAnAdmin(tx: Db, before: string | undefined, role: string): Promise<void> {
  if (before !== 'admin' || role === 'admin') return;
  const admins =
    (
      await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
        .get()
    )?.n ?? 0;
  if (admins <= 1) throw new LastAdminError();
}

/** What signing in needs of an account: its hash, its role, and whether it is locked. */
export async function findLoginUser(
  db: Db,
  name: string,
): Promise<
  { id: number; name: string; role: string; hash: string; lockedAt: string | null; disabledAt: string | null } | undefined
> {
  return loginUser(db).get({ name });
}

const loginUser = perConnection((db: Db) =>
  statement(
    db,
    db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        hash: users.passwordHash,
        lockedAt: users.lockedAt,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(eq(users.name, sql.placeholder('name'))),
  ),
);

/** Every account with its lock and how many sessions it holds now. */
export async function listUsers(db: Db, now = new Date().toISOString()): Promise<UserRow[]> {
  const live = db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, users.id), gt(sessions.expiresAt, now)));
  return db
    .select({
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      lockedAt: users.lockedAt,
      disabledAt: users.disabledAt,
      sessions: sql<number>`(${live})`,
    })
    .from(users)
    .orderBy(users.name)
    .all();
}

/**
 * Creates an account or sets its role and password (the command line's `user:add`, the admin page).
 * A new password also unlocks the account and ends its sessions; audited with who did it, never
 * with the password. One transaction: the account, its sessions and the audit entry change together.
 */
export async function saveUser(
  db: Db,
  u: { name: string; role: string; passwordHash: string },
  by: { actor: string; ip: string | null },
  now = new Date().toISOString(),
): Promise<{ created: boolean; previousRole: string | null }> {
  return writeTransaction(
    db,
    async (tx) => {
      const before = await tx.select({ role: users.role }).from(users).where(eq(users.name, u.name)).get();
      await keepAnAdmin(tx, before?.role, u.role);
      await tx
        .insert(users)
        .values({ name: u.name, passwordHash: u.passwordHash, role: u.role, createdAt: now })
        .onConflictDoUpdate({
          target: users.name,
          set: { passwordHash: u.passwordHash, role: u.role, lockedAt: null },
        })
        .run();
      await tx
        .delete(sessions)
        .where(inArray(sessions.userId, tx.select({ id: users.id }).from(users).where(eq(users.name, u.name))))
        .run();
      await tx.delete(loginFailures).where(eq(loginFailures.name, u.name)).run();
      await appendAudit(
        tx,
        {
          actor: by.actor,
          ip: by.ip,
          action: 'user.saved',
          target: u.name,
          detail: { role: u.role, previousRole: before?.role ?? null, passwordChanged: true },
        },
        now,
      );
      return { created: before === undefined, previousRole: before?.role ?? null };
    },
    { changesData: false },
  );
}

/**
 * Changes an account's role without touching its password; its sessions end (the new role applies
 * at the next sign-in). False when there is no such account.
 */
export async function setUserRole(
  db: Db,
  name: string,
  role: string,
  by: { actor: string; ip: string | null },
): Promise<boolean> {
  return writeTransaction(
    db,
    async (tx) => {
      const before = await tx.select({ role: users.role }).from(users).where(eq(users.name, name)).get();
      if (!before) return false;
      await keepAnAdmin(tx, before.role, role);
      await tx.update(users).set({ role }).where(eq(users.name, name)).run();
      await tx
        .delete(sessions)
        .where(inArray(sessions.userId, tx.select({ id: users.id }).from(users).where(eq(users.name, name))))
        .run();
      await appendAudit(tx, {
        ...by,
        action: 'user.saved',
        target: name,
        detail: { role, previousRole: before.role, passwordChanged: false },
      });
      return true;
    },
    { changesData: false },
  );
}

/** An account's role, or undefined. */
export async function roleOf(db: Db, name: string): Promise<string | undefined> {
  return (await db.select({ role: users.role }).from(users).where(eq(users.name, name)).get())?.role;
}

/** The account a disable or a delete changes: its id, role and whether it is disabled already. */
const accountToChange = (tx: Db, name: string) =>
  tx.select({ id: users.id, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.name, name)).get();

/**
 * Disables an account (staff who left) or enables it again. Disabling ends its sessions at once and
 * refuses sign-in until an admin enables it; the last active administrator cannot be disabled.
 * Audited. False when there is no such account.
 */
export async function setUserDisabled(
  db: Db,
  name: string,
  disabled: boolean,
  by: { actor: string; ip: string | null },
  now = new Date().toISOString(),
): Promise<boolean> {
  return writeTransaction(
    db,
    async (tx) => {
      const before = await accountToChange(tx, name);
      if (!before) return false;
      if (disabled && before.disabledAt === null) await keepAnAdmin(tx, before.role, 'none');
      await tx
        .update(users)
        .set({ disabledAt: disabled ? (before.disabledAt ?? now) : null })
        .where(eq(users.id, before.id))
        .run();
      if (disabled) await tx.delete(sessions).where(eq(sessions.userId, before.id)).run();
      await appendAudit(tx, { ...by, action: disabled ? 'user.disabled' : 'user.enabled', target: name }, now);
      return true;
    },
    { changesData: false },
  );
}

/**
 * Deletes an account: its sessions and sign-in failures go with it; the audit log keeps every line
 * it wrote (the log names people, it does not point at accounts) and gains one saying who deleted
 * it. The last active administrator cannot be deleted. False when there is no such account.
 */
export async function deleteUser(
  db: Db,
  name: string,
  by: { actor: string; ip: string | null },
  now = new Date().toISOString(),
): Promise<boolean> {
  return writeTransaction(
    db,
    async (tx) => {
      const before = await accountToChange(tx, name);
      if (!before) return false;
      if (before.disabledAt === null) await keepAnAdmin(tx, before.role, 'none');
      await tx.delete(sessions).where(eq(sessions.userId, before.id)).run();
      await tx.delete(loginFailures).where(eq(loginFailures.name, name)).run();
      await tx.delete(users).where(eq(users.id, before.id)).run();
      await appendAudit(tx, { ...by, action: 'user.deleted', target: name, detail: { role: before.role } }, now);
      return true;
    },
    { changesData: false },
  );
}
