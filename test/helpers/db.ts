import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDatabase, dropDatabase } from '../../scripts/fixtures/postgres-cluster';
import { hashPassword } from '../../server/auth/passwords';
import { closeDatabase, type Db, isPostgresUrl, openDatabase } from '../../server/db/client';
import { users as usersTable } from '../../server/db/schema';
import { rawSql } from '../../server/db/statement-cache';

/**
 * The database the server tests run on: SQLite files by default; PostgreSQL when TEST_DATABASE_URL
 * names a server (postgres://user@host:port/db, a user allowed to create databases): each test
 * database is then a fresh database on it, dropped at close.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
export const onPostgres = isPostgresUrl(TEST_DATABASE_URL);

let serial = 0;

/** A fresh, migrated database: a real SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function tempDatabase(): Promise<{ db: Db; path: string; dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'disclosure-test-'));
  if (onPostgres) {
    const name = `disclosure_test_${process.pid}_${++serial}_${Date.now().toString(36)}`;
    const url = await createDatabase(TEST_DATABASE_URL, name);
    const db = await openDatabase(url);
    return {
      db,
      path: url,
      dir,
      close: async () => {
        await closeDatabase(db);
        await dropDatabase(TEST_DATABASE_URL, name);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const path = join(dir, 'test.db');
  const db = await openDatabase(path);
  return {
    db,
    path,
    dir,
    close: async () => {
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table, to prove an operation wrote nothing. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables =
    db.$db.dialect === 'postgres'
      ? await db.all<{ name: string }>(
          sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'data_changes'`,
        )
      : await db.all<{ name: string }>(
          sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
        );
  const counts: Record<string, number> = {};
  for (const { name } of tables.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = await db.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(name)}`);
    counts[name] = Number(r?.n ?? 0);
  }
  return counts;
}

/** The password of every test account. */
export const PASSWORD = 'correct horse battery';

/** Accounts with PASSWORD, as `npm run user:add` would make them (an existing name is left as it is). */
export async function addUsers(db: Db, users: [name: string, role: string][]): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  for (const [name, role] of users) {
    await db
      .insert(usersTable)
      .values({ name, passwordHash: hash, role, createdAt: new Date().toISOString() })
      .onConflictDoNothing()
      .run();
  }
}

/** Raw SQL with `?` parameters, on either database: the rows. Write SQL both speak (and quote camelCase aliases). */
export async function sqlAll<T = Record<string, unknown>>(db: Db, text: string, ...params: unknown[]): Promise<T[]> {
  return (await rawSql<T>(db, text, params)).rows;
}

/** The first row of raw SQL, or undefined. */
export async function sqlGet<T = Record<string, unknown>>(db: Db, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await sqlAll<T>(db, text, ...params))[0];
}

/** Raw SQL that writes: how many rows it changed. */
export async function sqlRun(db: Db, text: string, ...params: unknown[]): Promise<number> {
  return (await rawSql(db, text, params)).changes;
}
