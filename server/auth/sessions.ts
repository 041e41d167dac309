import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { writeTransaction } from '../db/write';
import { prepared } from '../queries/statement-cache';

export interface SessionUser {
  sessionId: number;
  userId: number;
  name: string;
  role: string;
  csrfToken: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session (a fresh token on every sign-in: no fixation); returns the cookie token. */
export async function createSession(
  db: Db,
  userId: number,
  hours: number,
  replacing?: string,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await writeTransaction(db, () => {
    if (replacing) prepared(db, 'delete from sessions where token_hash = ?').run(hash(replacing));
    prepared(db, 'insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) values (?, ?, ?, ?, ?)').run(
      hash(token),
      userId,
      csrfToken,
      now.toISOString(),
      new Date(now.getTime() + hours * 3600_000).toISOString(),
    );
  });
  return { token, csrfToken };
}

export function findSession(db: Db, token: string | undefined): SessionUser | null {
  if (!token || token.length > 200) return null;
  const row = prepared(
    db,
    `select s.id as sessionId, u.id as userId, u.name, u.role, s.csrf_token as csrfToken, s.expires_at as expiresAt
       from sessions s join users u on u.id = s.user_id where s.token_hash = ?`,
  ).get(hash(token)) as (SessionUser & { expiresAt: string }) | undefined;
  if (!row || row.expiresAt < new Date().toISOString()) return null;
  const { expiresAt: _, ...user } = row;
  return user;
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await writeTransaction(db, () => prepared(db, 'delete from sessions where token_hash = ?').run(hash(token)));
}

export function countUsers(db: Db): number {
  return (prepared(db, 'select count(*) as n from users').get() as { n: number }).n;
}
