import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type UserAddIo, userAdd } from '../../scripts/user-add';
import { buildApp } from '../../server/app';
import { loadEnv } from '../../server/config/env';
import { closeDatabase, openDatabase } from '../../server/db/client';
import { sqlAll, sqlGet } from '../helpers/db';
import { ROOT } from '../helpers/samples';

const newDatabase = () => join(mkdtempSync(join(tmpdir(), 'users-')), 'u.db');

async function signIn(db: string, name: string, password: string) {
  const app = await buildApp({ db: await openDatabase(db), env: loadEnv({ DATABASE_URL: db }) });
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  await app.close();
  return { status: res.statusCode, user: res.json().user };
}

/** The command run in this process, its standard input piped (not a terminal). */
async function run(argv: string[], stdin: string, databaseUrl = newDatabase()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: UserAddIo = {
    interactive: false,
    readStdin: async () => stdin,
    ask: async () => {
      throw new Error('asked on a pipe');
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    databaseUrl,
    actor: 'command line (test)',
  };
  const code = await userAdd(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run user:add', () => {
  it('as a process: a password piped twice, as `printf "pw\\npw\\n" |` sends it, is stored as the password and signs in', async () => {
    const db = newDatabase();
    const password = 'a long secret phrase 42';
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'user-add.ts'), '张三', '--role', 'editor'],
      {
        cwd: ROOT,
        input: `${password}\n${password}\n`,
        env: { ...process.env, DATABASE_URL: db },
        encoding: 'utf8',
      },
    );
    expect(out).toBe('已新建用户 张三，角色：编辑（editor）\nuser 张三 saved with role editor\n');
    expect(out).not.toContain(password);
    expect(await signIn(db, '张三', password)).toEqual({ status: 200, user: { name: '张三', role: 'editor' } });
    // what the bug stored (both lines) is not the password
    expect((await signIn(db, '张三', `${password}\n${password}`)).status).toBe(401);
    // the change is in the audit log, without the password
    const audit = await sqlAll(
      await openDatabase(db),
      "select action, target, actor, detail from audit_log where action = 'user.saved'",
    );
    expect(audit).toEqual([
      {
        action: 'user.saved',
        target: '张三',
        actor: expect.stringMatching(/^command line \(/),
        detail: '{"role":"editor","previousRole":null,"passwordChanged":true}',
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('takes one line with --password-stdin, and a Windows line ending is not part of the password', async () => {
    const db = newDatabase();
    expect((await run(['李四', '--role', 'viewer', '--password-stdin'], 'Another-pass-77\r\n', db)).code).toBe(0);
    expect((await signIn(db, '李四', 'Another-pass-77')).status).toBe(200);
  });

  it('changes the role and password of an existing account, and says so', async () => {
    const db = newDatabase();
    await run(['王五', '--role', 'viewer'], 'First-password-1\n', db);
    const second = await run(['王五', '--role', 'admin'], 'Second-password-2\nSecond-password-2\n', db);
    expect(second).toEqual({ code: 0, out: '已更新用户 王五，角色：管理员（admin）\nuser 王五 saved with role admin', err: '' });
    expect(await signIn(db, '王五', 'Second-password-2')).toEqual({ status: 200, user: { name: '王五', role: 'admin' } });
    expect((await signIn(db, '王五', 'First-password-1')).status).toBe(401);
  });

  it('refuses, in Chinese and changing nothing: two different lines, a short or weak password, an unknown role', async () => {
    const db = newDatabase();
    const differ = await run(['a', '--role', 'editor'], 'Long-enough-pass-1\nLong-enough-pass-2\n', db);
    expect(differ.code).toBe(1);
    expect(differ.err).toMatch(/^两次输入的密码不一致/);
    const short = await run(['a', '--role', 'editor', '--password-stdin'], 'short\n', db);
    expect([short.code, short.err]).toEqual([1, expect.stringMatching(/^密码至少 10 个字符；未做任何修改/)]);
    // long enough but of two kinds only (lower case and digits)
    const weak = await run(['a', '--role', 'editor'], 'onlylowercase123\n', db);
    expect([weak.code, weak.err]).toEqual([
      1,
      expect.stringMatching(/^密码须包含小写字母、大写字母、数字、其他符号中的至少三类/),
    ]);
    const role = await run(['a', '--role', 'root'], 'long enough password\n', db);
    expect([role.code, role.err]).toEqual([
      2,
      expect.stringMatching(/^用法：npm run user:add -- 用户名 --role admin\|editor\|viewer/),
    ]);
    const db2 = await openDatabase(db);
    expect(await sqlGet(db2, 'select count(*) as n from users')).toEqual({ n: 0 });
    await closeDatabase(db2);
  });
});

describe('environment', () => {
  it('is checked at boot with a clear message', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(loadEnv({ PORT: '8080', READ_REQUIRES_LOGIN: 'true' })).toMatchObject({
      PORT: 8080,
      READ_REQUIRES_LOGIN: true,
      HOST: '127.0.0.1',
    });
  });
});
