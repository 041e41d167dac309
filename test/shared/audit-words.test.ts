import { describe, expect, it } from 'vitest';
import { auditDetailText } from '../../shared/audit-words';

// Issue 29: the audit log showed `field: proactive.total；old: 7`. Details as written by the server
// (server/queries/reports/correct-figure.ts, queries/accounts/users.ts, ingest/import-audit.ts).
describe('audit details in the office’s words', () => {
  it('a correction: the figure by its template name, the old and new value, the reason', () => {
    expect(
      auditDetailText({ field: 'proactive.total', label: '主动公开政府信息总数', old: 7, new: 9, reason: '与原件核对' }),
    ).toBe('数字：主动公开政府信息总数；原值：7；新值：9；理由：与原件核对');
    // an older line without its label: the path is put in words
    expect(auditDetailText({ field: 'proactive.total', old: null, new: 24, reason: '原件为24' })).toBe(
      '数字：主动公开政府信息总数；原值：空白（无法读取）；新值：24；理由：原件为24',
    );
  });

  it('an account change: roles by name, yes or no', () => {
    expect(auditDetailText({ role: 'editor', previousRole: 'viewer', passwordChanged: false })).toBe(
      '角色：编辑；原角色：只读；重设密码：否',
    );
  });

  it('an import: its outcome, unit and year; internal ids left out', () => {
    expect(
      auditDetailText({ status: 'imported', reportId: 7, organization: '新山傈僳族乡', year: 2024, county: null, reason: null }),
    ).toBe('结果：已导入；单位：新山傈僳族乡；年度：2024');
  });
});
