import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../server/auth/passwords';
import { type Db, openDatabase } from '../../server/db/client';

/** A real SQLite file in a fresh temporary folder, migrations applied. */
export function tempDatabase(): { db: Db; path: string; dir: string; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'disclosure-test-'));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  return {
    db,
    path,
    dir,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table, to prove an operation wrote nothing. */
export function rowCounts(db: Db): Record<string, number> {
  const tables = db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.$client.prepare(`select count(*) n from "${name}"`).get() as { n: number }).n]),
  );
}

/** The password of every test account. */
export const PASSWORD = 'correct horse battery';

/** Accounts with PASSWORD, as `npm run user:add` would make them (an existing name is left as it is). */
export async function addUsers(db: Db, users: [name: string, role: string][]): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const insert = db.$client.prepare('insert or ignore into users (name, password_hash, role, created_at) values (?, ?, ?, ?)');
  for (const [name, role] of users) insert.run(name, hash, role, new Date().toISOString());
}
