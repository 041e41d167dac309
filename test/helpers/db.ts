import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
