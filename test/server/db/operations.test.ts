import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { RestoreRefused, restoreBackup } from '../../../scripts/restore';
import { loadEnv } from '../../../server/config/env';
import { backupDatabase, backupFileName, listBackups, scheduleBackups } from '../../../server/db/backup';
import { closeDatabase, openDatabase } from '../../../server/db/client';
import { importFiles } from '../../../server/ingest/import-files';
import { sqlGet, sqlRun } from '../../helpers/db';
import { ROOT, SAMPLE_FILES } from '../../helpers/samples';
import { prepareDatabase, startServer } from '../../helpers/server-process';

// Running the service (issue 14 items 7 and 9; scheduled backups and a tested restore).

const work = mkdtempSync(join(tmpdir(), 'operations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const quiet = { info() {}, warn() {}, error() {} } as unknown as FastifyBaseLogger;
const mode = (f: string) => statSync(f).mode & 0o777;
const samples = Object.values(SAMPLE_FILES).map((f) => join(ROOT, 'samples', f));
const reportsIn = async (path: string) => {
  const db = await openDatabase(path);
  const n = ((await sqlGet(db, 'select count(*) as n from reports')) as { n: number }).n;
  await closeDatabase(db);
  return n;
};
const run = (script: string, args: string[], env: Record<string, string>) => {
  try {
    return {
      code: 0,
      out: execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: `${x.stdout}${x.stderr}` };
  }
};

describe('files of the database (item 9)', () => {
  it('the database, its WAL and a backup are readable by their owner only (0600)', async () => {
    const path = join(work, 'perm.db');
    const db = await openDatabase(path);
    await sqlRun(db, "insert into counties (name, created_at, created_by) values ('米易县', 'x', 'test')");
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    const b = await backupDatabase(db, join(work, 'perm-backup.db'));
    expect(b.integrity).toBe('ok');
    expect(mode(b.file)).toBe(0o600);
    await closeDatabase(db);
  });
});

describe('start-up (item 7)', () => {
  it('refuses a corrupt database file, saying in Chinese what is wrong and how to restore, without a stack trace', async () => {
    const path = join(work, 'corrupt.db');
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
    const err = await startServer(path).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toMatch(/exited before answering \(1\)/);
    expect(msg).toMatch(/无法启动：数据库文件 .* 已损坏/);
    expect(msg).toMatch(/npm run restore -- 备份文件/);
    expect(msg).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a database path that does not exist unless asked to create one', async () => {
    const path = join(work, 'nowhere', 'missing.db');
    const err = await startServer(path).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/无法启动：数据库文件不存在/);
    expect(existsSync(path)).toBe(false);
    const created = await startServer(path, { CREATE_DATABASE: 'true', ENGINE_PREWARM: 'false' });
    const years = await (await fetch(`${created.base}/api/years`)).json();
    await created.kill('SIGTERM');
    // a new database, and no demo data in it unless asked for
    expect(years).toEqual({ years: [] });
    expect(loadEnv({}).LOAD_SAMPLES).toBe(false);
  });

  it('refuses an empty (0-byte) database file like a missing one (issue 32, item 12)', async () => {
    const path = join(work, 'empty.db');
    writeFileSync(path, '');
    const err = await startServer(path).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/无法启动：数据库文件 .*empty\.db 是空文件（0 字节）/);
    expect(statSync(path).size).toBe(0);
  });

  it('/api/health says so when a page its own read does not touch has gone bad (the accounts), from the periodic integrity check (issue 32, item 16)', async () => {
    const path = join(work, 'pages.db');
    await prepareDatabase(path);
    const probe = new Database(path);
    const { rootpage } = probe.prepare("select rootpage from sqlite_master where name = 'users'").get() as { rootpage: number };
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const s = await startServer(path, { ENGINE_PREWARM: 'false', INTEGRITY_CHECK_S: '1' });
    try {
      expect((await fetch(`${s.base}/api/health`)).status).toBe(200);
      // the accounts table's page overwritten on disk under the running server
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(pageSize - 200, 0x5a), 0, pageSize - 200, (rootpage - 1) * pageSize + 100);
      closeSync(fd);
      await expect.poll(async () => (await fetch(`${s.base}/api/health`)).status, { timeout: 15_000 }).toBe(503);
      const res = await fetch(`${s.base}/api/health`);
      expect(((await res.json()) as { message: string }).message).toMatch(/^数据库文件已损坏（.* 的完整性检查未通过）/);
    } finally {
      await s.kill();
    }
  });

  it('/api/health reads the database: a database gone bad is not healthy', async () => {
    const path = join(work, 'health.db');
    await prepareDatabase(path);
    const s = await startServer(path, { ENGINE_PREWARM: 'false' });
    expect((await fetch(`${s.base}/api/health`)).status).toBe(200);
    // the file replaced under the running server by something that is not a database
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const res = await fetch(`${s.base}/api/health`);
    await s.kill();
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toMatch(/数据库无法读取/);
  });
});

describe('backups and restore', () => {
  it('scheduled: one is taken soon after start when none is a day old', async () => {
    const path = join(work, 'scheduled.db');
    const db = await openDatabase(path);
    await importFiles(db, samples, { importedBy: 'test' });
    const dir = join(work, 'backups');
    const stop = scheduleBackups(db, { dir, keep: 2, log: quiet, firstDelayMs: 0 });
    for (let i = 0; i < 200 && listBackups(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    stop();
    const [newest] = listBackups(dir);
    expect(newest?.file).toMatch(/disclosure-\d{8}-\d{6}\.db$/);
    expect(await reportsIn(newest?.file as string)).toBe(5);
    expect(mode(newest?.file as string)).toBe(0o600);
    await closeDatabase(db);
  });

  it('a backup is named by the time it was taken in Beijing time, whatever the clock zone of the server', () => {
    // 04:51:09 UTC is 12:51:09 in Beijing; 20:00 UTC on the 31st is already the next day (and year) there
    expect(backupFileName(new Date('2026-12-07T04:51:09Z'))).toBe('disclosure-20261207-125109.db');
    expect(backupFileName(new Date('2025-12-31T20:00:00Z'))).toBe('disclosure-20260101-040000.db');
  });

  it('keeps only BACKUP_KEEP of them', async () => {
    const dir = join(work, 'keep');
    const db = await openDatabase(join(work, 'keep.db'));
    for (const stamp of ['20240101-000000', '20240102-000000', '20240103-000000']) {
      await backupDatabase(db, join(work, `tmp-${stamp}.db`));
      execFileSync('mkdir', ['-p', dir]);
      execFileSync('cp', [join(work, `tmp-${stamp}.db`), join(dir, `disclosure-${stamp}.db`)]);
      execFileSync('touch', [
        '-d',
        `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`,
        join(dir, `disclosure-${stamp}.db`),
      ]);
    }
    const stop = scheduleBackups(db, { dir, keep: 2, log: quiet, firstDelayMs: 0 });
    for (let i = 0; i < 400 && readdirSync(dir).length !== 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    stop();
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toBe('disclosure-20240103-000000.db');
    await closeDatabase(db);
  });

  it('npm run restore puts a backup back, keeping the replaced database aside, and refuses while the server runs', async () => {
    const path = join(work, 'live.db');
    const db = await openDatabase(path);
    await importFiles(db, samples.slice(0, 3), { importedBy: 'test' });
    const backup = join(work, 'live-backup.db');
    expect(await backupDatabase(db, backup)).toMatchObject({ integrity: 'ok', reports: 3 });
    // later: two more reports, then the database is damaged
    await importFiles(db, samples.slice(3), { importedBy: 'test' });
    await closeDatabase(db);
    expect(await reportsIn(path)).toBe(5);

    const said: string[] = [];
    const refusal = (file: string) => {
      try {
        restoreBackup(file, path, (l) => said.push(l));
        return null;
      } catch (e) {
        return e instanceof RestoreRefused ? e.zh : e;
      }
    };
    // a running server (its pid file) blocks the restore
    writeFileSync(`${path}.server.pid`, String(process.pid));
    expect(refusal(backup)).toMatch(/^服务正在运行（进程 \d+），请先停止服务再恢复$/);
    rmSync(`${path}.server.pid`);
    // so does any process holding the write lock
    const holder = await openDatabase(path);
    holder.$db.sqlite?.exec('BEGIN IMMEDIATE');
    expect(refusal(backup)).toBe('数据库正在使用中，请先停止服务再恢复');
    holder.$db.sqlite?.exec('ROLLBACK');
    await closeDatabase(holder);
    expect(refusal(join(work, 'corrupt.db'))).toMatch(/备份文件已损坏|不是本系统的数据库备份文件/);
    expect(refusal(join(work, 'no-such-backup.db'))).toMatch(/^备份文件不存在/);
    expect([said, await reportsIn(path)]).toEqual([[], 5]);

    // the command itself, as the office runs it
    const done = run('restore.ts', [backup], { DATABASE_URL: path });
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/当前数据库已移到 .*live\.db\.before-restore-.*（未删除）/);
    expect(done.out).toMatch(/已从 .* 恢复，共 3 份报告/);
    expect(await reportsIn(path)).toBe(3);
    expect(mode(path)).toBe(0o600);
    const aside = readdirSync(work).find((f) => /^live\.db\.before-restore-[^.]*$/.test(f) && !/-(?:wal|shm)$/.test(f));
    expect(aside).toBeDefined();
    expect(await reportsIn(join(work, aside as string))).toBe(5);
    // refused by the command: a message in Chinese and English, exit code 1
    const refused = run('restore.ts', [join(work, 'corrupt.db')], { DATABASE_URL: path });
    expect([refused.code, refused.out]).toEqual([1, expect.stringMatching(/^恢复失败：.*\nrestore failed: /)]);
  }, 60_000);

  it('backup and restore refuse a PostgreSQL database, saying which tools do it, and write nothing', () => {
    const url = 'postgres://dashboard:secret@db-host/disclosure';
    expect(() => restoreBackup(join(work, 'live-backup.db'), url, () => {})).toThrow(RestoreRefused);
    try {
      restoreBackup(join(work, 'live-backup.db'), url, () => {});
    } catch (e) {
      expect((e as RestoreRefused).zh).toContain('pg_restore');
    }
    const out = join(work, 'pg-backup.db');
    const backup = run('backup.ts', [out], { DATABASE_URL: url });
    expect([backup.code, backup.out]).toEqual([
      2,
      expect.stringMatching(/^DATABASE_URL 指向 PostgreSQL：.*pg_dump.*\nDATABASE_URL is a PostgreSQL database/),
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
