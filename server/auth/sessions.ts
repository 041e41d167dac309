import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { prepared } from '../db/statement-cache';
import { writeTransaction } from '../db/write';

export interface SessionUser {
  sessionId: number;
  userId: number;
  name: string;
  role: string;
  csrfToken: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

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
  await writeTransaction(db, () => {
    if (replacing) prepared(db, 'delete from sessions where token_hash = ?').run(hash(replacing));
    prepared(
      db,
      'insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) values (?, ?, ?, ?, ?, ?)',
    ).run(
      hash(token),
      userId,
      csrfToken,
      now.toISOString(),
      new Date(now.getTime() + limits.hours * 3600_000).toISOString(),
      now.toISOString(),
    );
    prepared(
      db,
      'delete from sessions where user_id = ? and id not in (select id from sessions where user_id = ? order by id desc limit ?)',
    ).run(userId, userId, limits.maxPerUser);
  });
  return { token, csrfToken };
}

/**
 * The signed-in user of a cookie token, or null: unknown, expired (SESSION_HOURS after sign-in),
 * idle for longer than `idleMinutes`, or the account locked. A request marks the session seen (at
 * most once a minute, so reading does not write on every request).
 */
export function findSession(db: Db, token: string | undefined, idleMinutes = 30, now = Date.now()): SessionUser | null {
  if (!token || token.length > 200) return null;
  const row = prepared(
    db,
    `select s.id as sessionId, u.id as userId, u.name, u.role, s.csrf_token as csrfToken, s.expires_at as expiresAt,
            coalesce(s.last_seen_at, s.created_at) as seenAt, u.locked_at as lockedAt
       from sessions s join users u on u.id = s.user_id where s.token_hash = ?`,
  ).get(hash(token)) as (SessionUser & { expiresAt: string; seenAt: string; lockedAt: string | null }) | undefined;
  if (!row || row.lockedAt !== null) return null;
  const nowIso = new Date(now).toISOString();
  if (row.expiresAt < nowIso || Date.parse(row.seenAt) + idleMinutes * 60_000 < now) return null;
  if (now - Date.parse(row.seenAt) > 60_000) {
    try {
      prepared(db, 'update sessions set last_seen_at = ? where id = ?').run(nowIso, row.sessionId);
    } catch {
      // the database is busy with an import: the next request marks it
    }
  }
  const { expiresAt: _e, seenAt: _s, lockedAt: _l, ...user } = row;
  return user;
}

/** Deletes sessions that have expired or gone idle; returns how many. */
export async function purgeSessions(db: Db, idleMinutes: number, now = Date.now()): Promise<number> {
  const nowIso = new Date(now).toISOString();
  const idleSince = new Date(now - idleMinutes * 60_000).toISOString();
  return writeTransaction(
    db,
    () =>
      prepared(db, 'delete from sessions where expires_at < ? or coalesce(last_seen_at, created_at) < ?').run(nowIso, idleSince)
        .changes,
  );
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await writeTransaction(db, () => prepared(db, 'delete from sessions where token_hash = ?').run(hash(token)));
}

export function countUsers(db: Db): number {
  return (prepared(db, 'select count(*) as n from users').get() as { n: number }).n;
}
