import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { perConnection, statement } from '../db/statement-cache';
import { writeTransaction } from '../db/write';

export interface SessionUser {
  sessionId: number;
  userId: number;
  name: string;
  role: string;
  csrfToken: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

const p = sql.placeholder;
/** When the session was last used: a session never seen since sign-in counts from its creation. */
const seenAt = sql<string>`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`;

// findSession runs on every request that carries a cookie: prepared once per connection
const statements = perConnection((db: Db) => ({
  byToken: statement(
    db,
    db
      .select({
        sessionId: sessions.id,
        userId: users.id,
        name: users.name,
        role: users.role,
        csrfToken: sessions.csrfToken,
        expiresAt: sessions.expiresAt,
        seenAt,
        lockedAt: users.lockedAt,
        disabledAt: users.disabledAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, p('hash'))),
  ),
  markSeen: statement(
    db,
    db
      .update(sessions)
      .set({ lastSeenAt: sql`${p('now')}` })
      .where(eq(sessions.id, p('id'))),
  ),
  deleteByToken: statement(db, db.delete(sessions).where(eq(sessions.tokenHash, p('hash')))),
}));

/**
 * A new session (a fresh token on every sign-in: no fixation); returns the cookie token. A user
 * keeps at most `maxPerUser` sessions: signing in on one more machine ends the oldest.
 */
export async function createSession(
  db: Db,
  userId: number,
  limits: { hours: number; maxPerUser: number },
  replacing?: string,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await writeTransaction(
    db,
    async (tx) => {
      if (replacing) await statements(tx).deleteByToken.run({ hash: hash(replacing) });
      await tx
        .insert(sessions)
        .values({
          tokenHash: hash(token),
          userId,
          csrfToken,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + limits.hours * 3600_000).toISOString(),
          lastSeenAt: now.toISOString(),
        })
        .run();
      const newest = tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.id))
        .limit(limits.maxPerUser);
      await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), notInArray(sessions.id, newest)))
        .run();
    },
    { changesData: false },
  );
  return { token, csrfToken };
}

/**
 * The signed-in user of a cookie token, or null: unknown, expired (SESSION_HOURS after sign-in),
 * idle for longer than `idleMinutes`, or the account locked. A request marks the session seen (at
 * most once a minute, so reading does not write on every request).
 */
export async function findSession(
  db: Db,
  token: string | undefined,
  idleMinutes = 30,
  now = Date.now(),
): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const s = statements(db);
  const row = await s.byToken.get({ hash: hash(token) });
  if (!row || row.lockedAt !== null || row.disabledAt !== null) return null;
  const nowIso = new Date(now).toISOString();
  if (row.expiresAt < nowIso || Date.parse(row.seenAt) + idleMinutes * 60_000 < now) return null;
  if (now - Date.parse(row.seenAt) > 60_000) {
    try {
      await s.markSeen.run({ now: nowIso, id: row.sessionId });
    } catch {
      // the database is busy with an import: the next request marks it
    }
  }
  const { expiresAt: _e, seenAt: _s, lockedAt: _l, disabledAt: _d, ...user } = row;
  return user;
}

/** Deletes sessions that have expired or gone idle; returns how many. */
export async function purgeSessions(db: Db, idleMinutes: number, now = Date.now()): Promise<number> {
  const nowIso = new Date(now).toISOString();
  const idleSince = new Date(now - idleMinutes * 60_000).toISOString();
  return writeTransaction(
    db,
    async (tx) =>
      (
        await tx
          .delete(sessions)
          .where(or(lt(sessions.expiresAt, nowIso), lt(seenAt, idleSince)))
          .run()
      ).changes,
    { changesData: false },
  );
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await writeTransaction(db, (tx) => statements(tx).deleteByToken.run({ hash: hash(token) }), { changesData: false });
}

export async function countUsers(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(users).get())?.n ?? 0;
}
