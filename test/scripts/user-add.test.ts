import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadEnv } from '../../server/config/env';
import { openDatabase } from '../../server/db/client';
import { ROOT } from '../helpers/samples';

describe('npm run user:add', () => {
  it('creates a user that can sign in, and prints nothing secret', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'users-')), 'u.db');
    const password = 'a long secret phrase 42';
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'user-add.ts'), '张三', '--role', 'editor', '--password-stdin'],
      {
        cwd: ROOT,
        input: `${password}\n`,
        env: { ...process.env, DATABASE_URL: db },
        encoding: 'utf8',
      },
    );
    expect(out).toBe('user 张三 saved with role editor\n');
    expect(out).not.toContain(password);
    const app = await buildApp({ db: openDatabase(db), env: loadEnv({ DATABASE_URL: db }) });
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: '张三', password } });
    expect(res.json().user).toEqual({ name: '张三', role: 'editor' });
    await app.close();
    // the change is in the audit log, without the password
    const audit = openDatabase(db)
      .$client.prepare("select action, target, detail from audit_log where action = 'user.saved'")
      .all();
    expect(audit).toEqual([{ action: 'user.saved', target: '张三', detail: expect.stringContaining('"role":"editor"') }]);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('refuses a short password and an unknown role', () => {
    const run = (args: string[], input: string) =>
      (() => {
        try {
          execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'user-add.ts'), ...args], {
            cwd: ROOT,
            input,
            stdio: 'pipe',
          });
          return 0;
        } catch (e) {
          return (e as { status: number }).status;
        }
      })();
    expect(run(['a', '--role', 'editor', '--password-stdin'], 'short\n')).toBe(1);
    // long enough but of two kinds only (lower case and digits)
    expect(run(['a', '--role', 'editor', '--password-stdin'], 'onlylowercase123\n')).toBe(1);
    expect(run(['a', '--role', 'root', '--password-stdin'], 'long enough password\n')).toBe(2);
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
