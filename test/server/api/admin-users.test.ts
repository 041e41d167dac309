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
    headers: await (who === '周八' ? t.login(who, 'Good-password-1') : t.login(who)),
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

// issue 29: staff who leave lose their access — disabled (sessions ended at once) or deleted (audit kept)
describe('disabling and deleting accounts (POST …/disable, …/enable, DELETE /api/admin/users/:name)', () => {
  // the tests above left 周八 the one administrator ('admin' was demoted, 'editor' has a new password)
  const as = (who: 'admin' | 'other') => (who === 'admin' ? t.login('周八', 'Good-password-1') : t.login('viewer'));
  const post = async (url: string, who: 'admin' | 'other' = 'admin') =>
    t.app.inject({ method: 'POST', url: `/api/admin/users/${url}`, headers: await as(who) });
  const del = async (name: string, who: 'admin' | 'other' = 'admin') =>
    t.app.inject({ method: 'DELETE', url: `/api/admin/users/${encodeURIComponent(name)}`, headers: await as(who) });
  const me = async (headers: Record<string, string>) =>
    (await t.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode;

  it('only an admin', async () => {
    expect((await post(`${encodeURIComponent('吴九')}/disable`, 'other')).statusCode).toBe(403);
    expect((await del('吴九', 'other')).statusCode).toBe(403);
  });

  it('disabling ends the account’s sessions at once and refuses sign-in until enabled again; audited', async () => {
    expect((await put('吴九', { role: 'editor', password: 'Good-password-9' }, '周八')).statusCode).toBe(200);
    const session = await t.login('吴九', 'Good-password-9');
    expect(await me(session)).toBe(200);

    expect((await post(`${encodeURIComponent('吴九')}/disable`)).statusCode).toBe(204);
    expect(await me(session)).toBe(401);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: '吴九', password: 'Good-password-9' },
    });
    expect([refused.statusCode, refused.json().message]).toEqual([
      403,
      '该账户已停用，不能登录；如仍需使用，请联系管理员重新启用',
    ]);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: await as('admin') })).json();
    const row = listed.users.find((u: { name: string }) => u.name === '吴九');
    expect(row.sessions).toBe(0);
    expect(row.disabledAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect((await post(`${encodeURIComponent('吴九')}/enable`)).statusCode).toBe(204);
    expect(await signIn('吴九', 'Good-password-9')).toBe(200);
    const audit = await sqlAll(
      t.db,
      "select actor, action from audit_log where target = '吴九' and action like 'user.%abled' order by id",
    );
    expect(audit).toEqual([
      { actor: '周八', action: 'user.disabled' },
      { actor: '周八', action: 'user.enabled' },
    ]);
  });

  it('deleting removes the account and its sessions; the audit lines it wrote stay', async () => {
    expect((await put('郑十', { role: 'editor', password: 'Good-password-10' }, '周八')).statusCode).toBe(200);
    const session = await t.login('郑十', 'Good-password-10');
    const before = await sqlAll(t.db, "select action from audit_log where actor = '郑十' order by id");
    expect(before).toEqual([{ action: 'login.success' }]);
    expect((await del('郑十')).statusCode).toBe(204);
    expect(await me(session)).toBe(401);
    expect(await signIn('郑十', 'Good-password-10')).toBe(401);
    expect(await sqlAll(t.db, "select count(*) as n from users where name = '郑十'")).toEqual([{ n: 0 }]);
    // its sign-in is kept, and the refused attempt after the deletion is recorded too
    expect(await sqlAll(t.db, "select action from audit_log where actor = '郑十' order by id")).toEqual([
      { action: 'login.success' },
      { action: 'login.failure' },
    ]);
    expect(await sqlAll(t.db, "select actor, detail from audit_log where action = 'user.deleted' and target = '郑十'")).toEqual([
      { actor: '周八', detail: '{"role":"editor"}' },
    ]);
    expect((await del('郑十')).statusCode).toBe(404);
  });

  it('the last active administrator can be neither disabled nor deleted', async () => {
    // 周八 was made an admin above and 'admin' demoted: 周八 is the only admin
    const only = await sqlAll(t.db, "select name from users where role = 'admin' and disabled_at is null");
    expect(only).toEqual([{ name: '周八' }]);
    const sessionOfAdmin = await as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${encodeURIComponent('周八')}/disable`,
      headers: sessionOfAdmin,
    });
    expect([res.statusCode, res.json().message]).toEqual([409, '这是唯一可用的管理员账户，不能停用或删除；请先设置另一名管理员']);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/users/${encodeURIComponent('周八')}`,
      headers: sessionOfAdmin,
    });
    expect(gone.statusCode).toBe(409);
  });
});
