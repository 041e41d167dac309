import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseBusyError, isDatabaseUnavailable, isDiskFull, writeTransaction } from '../../../server/db/write';
import { sqlAll, sqlGet, sqlRun, tempDatabase } from '../../helpers/db';

let t: Awaited<ReturnType<typeof tempDatabase>>;
afterEach(() => t?.close());

describe('writeTransaction: writes beside another process’s lock', () => {
  it('waits for a lock held by another connection without blocking the event loop, then writes', async () => {
    t = await tempDatabase();
    const other = new Database(t.path);
    other.exec(
      "begin immediate; insert into users (name, password_hash, role, created_at) values ('other', 'x', 'viewer', 'now')",
    );
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    setTimeout(() => other.exec('commit'), 200);
    await writeTransaction(t.db, (tx) =>
      sqlRun(tx, "insert into users (name, password_hash, role, created_at) values ('mine', 'x', 'viewer', 'now')"),
    );
    clearInterval(timer);
    other.close();
    // the timer kept firing while the write waited: about 40 ticks in 200 ms, at least 10 even on a slow machine
    expect(ticks).toBeGreaterThan(10);
    const names = await sqlAll(t.db, 'select name from users order by id');
    expect(names).toEqual([{ name: 'other' }, { name: 'mine' }]);
  });

  it('gives up with DatabaseBusyError when the lock is never released, and writes nothing', async () => {
    t = await tempDatabase();
    const other = new Database(t.path);
    other.exec('begin immediate');
    await expect(
      writeTransaction(
        t.db,
        (tx) => sqlRun(tx, "insert into users (name, password_hash, role, created_at) values ('x', 'x', 'viewer', 'now')"),
        { timeoutMs: 150 },
      ),
    ).rejects.toBeInstanceOf(DatabaseBusyError);
    other.exec('rollback');
    other.close();
    expect(await sqlGet(t.db, 'select count(*) n from users')).toEqual({ n: 0 });
  });

  it('rolls the whole transaction back when the work throws', async () => {
    t = await tempDatabase();
    await expect(
      writeTransaction(t.db, async (tx) => {
        await sqlRun(tx, "insert into users (name, password_hash, role, created_at) values ('x', 'x', 'viewer', 'now')");
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect(await sqlGet(t.db, 'select count(*) n from users')).toEqual({ n: 0 });
  });

  it('moves the change counter for a change of data, not for a write marked as none (a sign-in, an audit line)', async () => {
    t = await tempDatabase();
    const counter = async () => (await sqlGet<{ n: number }>(t.db, 'select n from data_changes where id = 1'))?.n;
    expect(await counter()).toBe(0);
    await writeTransaction(t.db, (tx) =>
      sqlRun(tx, "insert into counties (name, created_at, created_by) values ('米易县', 'now', 'test')"),
    );
    expect(await counter()).toBe(1);
    await writeTransaction(
      t.db,
      (tx) => sqlRun(tx, "insert into users (name, password_hash, role, created_at) values ('x', 'x', 'viewer', 'now')"),
      { changesData: false },
    );
    expect(await counter()).toBe(1);
    // a transaction rolled back leaves it as it was
    await expect(
      writeTransaction(t.db, async (tx) => {
        await sqlRun(tx, "insert into counties (name, created_at, created_by) values ('盐边县', 'now', 'test')");
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect(await counter()).toBe(1);
  });
});

describe('errors of the database', () => {
  it("tells an unreachable or restarting server from a refused statement, through drizzle's wrapper", () => {
    const wrapped = (cause: object) => Object.assign(new Error('Failed query: select 1'), { cause });
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseUnavailable(wrapped({ code: '57P01' }))).toBe(true); // admin shutdown
    expect(isDatabaseUnavailable(wrapped({ code: '08006' }))).toBe(true); // connection failure
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(wrapped({ code: '23505' }))).toBe(false); // unique violation
    expect(isDatabaseUnavailable(wrapped({ code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isDiskFull(wrapped({ code: '53100' }))).toBe(true);
    expect(isDiskFull(wrapped({ code: 'SQLITE_FULL' }))).toBe(true);
  });
});
