/**
 * PostgreSQL's drizzle query builders given the terminal methods the queries use — `.all()`,
 * `.get()`, `.run()` — with SQLite's meaning, and the database (and its transactions) SQLite's raw
 * `all/get/run(sql)`: so one query, awaited, runs on either database. `run` reports
 * `{ changes }`, the rows an insert, update or delete touched, as SQLite does.
 */
import type { SQL } from 'drizzle-orm';
import { PgDatabase, PgDeleteBase, PgInsertBase, PgSelectBase, PgUpdateBase } from 'drizzle-orm/pg-core';

interface Executable {
  execute(): Promise<unknown>;
}
interface Raw {
  execute(q: SQL): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

const changes = (r: unknown) => ({
  changes: Array.isArray(r) ? r.length : ((r as { rowCount?: number | null } | null)?.rowCount ?? 0),
});

let installed = false;

export function installPgCompat(): void {
  if (installed) return;
  installed = true;
  for (const C of [PgSelectBase, PgInsertBase, PgUpdateBase, PgDeleteBase]) {
    Object.defineProperties(C.prototype, {
      all: {
        value(this: Executable) {
          return this.execute();
        },
      },
      get: {
        async value(this: Executable) {
          const r = await this.execute();
          return Array.isArray(r) ? r[0] : undefined;
        },
      },
      run: {
        async value(this: Executable) {
          return changes(await this.execute());
        },
      },
    });
  }
  Object.defineProperties(PgDatabase.prototype, {
    all: {
      async value(this: Raw, q: SQL) {
        return (await this.execute(q)).rows;
      },
    },
    get: {
      async value(this: Raw, q: SQL) {
        return (await this.execute(q)).rows[0];
      },
    },
    run: {
      async value(this: Raw, q: SQL) {
        return { changes: (await this.execute(q)).rowCount ?? 0 };
      },
    },
  });
}
