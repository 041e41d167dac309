import type { UserRow } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import { prepared } from '../../db/statement-cache';

/** What signing in needs of an account: its hash, its role, and whether it is locked. */
export function findLoginUser(
  db: Db,
  name: string,
): { id: number; name: string; role: string; hash: string; lockedAt: string | null } | undefined {
  return prepared(db, 'select id, name, role, password_hash as hash, locked_at as lockedAt from users where name = ?').get(
    name,
  ) as { id: number; name: string; role: string; hash: string; lockedAt: string | null } | undefined;
}

/** Every account with its lock and how many sessions it holds now. */
export function listUsers(db: Db, now = new Date().toISOString()): UserRow[] {
  return prepared(
    db,
    `select u.name, u.role, u.created_at as createdAt, u.locked_at as lockedAt,
            (select count(*) from sessions s where s.user_id = u.id and s.expires_at > ?) as sessions
       from users u order by u.name`,
  ).all(now) as UserRow[];
}
