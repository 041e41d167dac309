import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, testApp } from '../../helpers/app';
import { sqlAll, sqlRun } from '../../helpers/db';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { samples: false });
});
afterAll(() => t.close());

const put = async (name: string, body: unknown, who = 'admin') =>
  t.app.inject({
    method: 'PUT',
    url: `/api/admin/users/${encodeURIComponent(name)}`,
    payload: body as object,
    headers: await t.login(who),
  });
const signIn = async (name: string, password: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/session', payload: { name, password } })).statusCode;

describe('accounts on the admin page (PUT /api/admin/users/:name)', () => {
  it('only an admin', async () => {
    expect((await put('周八', { role: 'viewer', password: 'Good-password-1' }, 'editor')).statusCode).toBe(403);
  });

  it('creates an account that signs in; a new account needs a password that passes the rule', async () => {
    expect((await put('周八', { role: 'editor' })).json().message).toBe('新建账户须设置密码');
    const weak = await put('周八', { role: 'editor', password: 'short' });
    expect([weak.statusCode, weak.json().message]).toEqual([400, '密码至少 10 个字符']);
    const made = await put('周八', { role: 'editor', password: 'Good-password-1' });
    expect(made.json()).toEqual({ name: '周八', role: 'editor', created: true });
    expect(await signIn('周八', 'Good-password-1')).toBe(200);
  });

  it('changes a role: the account signs in again to use it; audited without a password', async () => {
    const session = await t.login('viewer');
    expect((await put('viewer', { role: 'editor' })).json()).toEqual({ name: 'viewer', role: 'editor', created: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: session })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: await t.login('viewer') })).json().user).toEqual({
      name: 'viewer',
      role: 'editor',
    });
    const audit = await sqlAll(
      t.db,
      "select actor, target, detail from audit_log where action = 'user.saved' and target = 'viewer'",
    );
    expect(audit).toEqual([
      { actor: 'admin', target: 'viewer', detail: '{"role":"editor","previousRole":"viewer","passwordChanged":false}' },
    ]);
  });

  it('resets a password, which also unlocks the account', async () => {
    await sqlRun(t.db, "update users set locked_at = '2026-12-01T00:00:00Z' where name = 'editor'");
    // locked: refused even with the right password
    expect(await signIn('editor', PASSWORD)).toBe(403);
    expect((await put('editor', { role: 'editor', password: 'New-password-22' })).json().created).toBe(false);
    expect(await signIn('editor', 'New-password-22')).toBe(200);
    expect(await signIn('editor', PASSWORD)).toBe(401);
  });

  it('refuses to demote the last administrator', async () => {
    const res = await put('admin', { role: 'viewer' });
    expect([res.statusCode, res.json().message]).toEqual([409, '这是唯一的管理员账户，不能改为其他角色；请先设置另一名管理员']);
    expect(await put('周八', { role: 'admin' })).toMatchObject({ statusCode: 200 });
    expect((await put('admin', { role: 'viewer' })).statusCode).toBe(200);
  });
});
