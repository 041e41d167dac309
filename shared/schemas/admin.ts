/** Signing in and the admin's pages: the audit log, accounts and the county list. */
import { type Static, Type } from 'typebox';
import { NullableString } from './common';

export const Login = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type Login = Static<typeof Login>;

/** Who is signed in, and the token every write must carry. */
export const Me = Type.Object({
  user: Type.Object({ name: Type.String(), role: Type.String() }),
  csrfToken: Type.String({ description: '写操作须在请求头 x-csrf-token 中带上' }),
});
export type Me = Static<typeof Me>;

/** What the audit log records: stable action names (the server writes them, the admin page labels them). */
export const AUDIT_ACTIONS = [
  'login.success',
  'login.failure',
  'login.refused',
  'logout',
  'account.locked',
  'account.unlocked',
  'user.saved',
  'user.disabled',
  'user.enabled',
  'user.deleted',
  'import',
  'organization.county',
  'organization.renamed',
  'organization.merged',
  'county.added',
  'county.removed',
  'figure.corrected',
  'figure.carried',
  'figure.checked',
  'report.madeCurrent',
  'report.reread',
  'export',
  'source.downloaded',
  'collect.source',
  'collect.run',
  'collect.schedule',
  'roster.changed',
  'evaluation.deadline',
  'evaluation.rubric',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit log (GET /api/admin/audit). */
export const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: NullableString,
  ip: NullableString,
  action: Type.String(),
  target: NullableString,
  /** The target in the office's words (a report as 单位 年度 年度报告), the target itself otherwise. */
  targetLabel: NullableString,
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditRow = Static<typeof AuditRow>;

export const AuditQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    before: Type.Optional(Type.Integer({ minimum: 1, description: '只看编号小于此值的（翻页）' })),
    action: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z.]+$', description: '如 login、import、export' })),
    actor: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export const AuditEntries = Type.Object({ entries: Type.Array(AuditRow) });
export type AuditEntries = Static<typeof AuditEntries>;

export const CountyRow = Type.Object({
  name: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  organizations: Type.Integer({ description: '归入该县的单位数' }),
});
export type CountyRow = Static<typeof CountyRow>;
export const CountyList = Type.Object({ counties: Type.Array(CountyRow) });
export type CountyList = Static<typeof CountyList>;

export const UserRow = Type.Object({
  name: Type.String(),
  role: Type.String(),
  createdAt: Type.String(),
  lockedAt: NullableString,
  disabledAt: NullableString,
  sessions: Type.Integer({ description: '当前有效的登录会话数' }),
});
export type UserRow = Static<typeof UserRow>;
export const UserList = Type.Object({ users: Type.Array(UserRow) });
export type UserList = Static<typeof UserList>;

export const UserNameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) });
export const CountyNameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }) });
export const NewCounty = Type.Object({ name: Type.String({ minLength: 2, maxLength: 40 }) }, { additionalProperties: false });

/** PUT /api/admin/users/:name: a new account (password required), or a role and/or password changed. */
export const SaveUser = Type.Object(
  {
    role: Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer')], {
      description: 'admin 管理员 · editor 编辑 · viewer 只读',
    }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: '新账户必填；已有账户填写即重设密码' })),
  },
  { additionalProperties: false },
);
export type SaveUser = Static<typeof SaveUser>;
export const SavedUser = Type.Object({ name: Type.String(), role: Type.String(), created: Type.Boolean() });

/** Which current reports to re-read with today's reader (POST /api/admin/reread/preview). */
export const RereadScope = Type.Object(
  {
    reportId: Type.Optional(Type.Integer({ minimum: 1, description: '只重新读取这一份报告' })),
    county: Type.Optional(Type.String({ maxLength: 40, description: '只读取这个县的报告' })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '只读取这一年度的报告' })),
  },
  { additionalProperties: false, description: '不填任何一项则为全部现行报告' },
);
export type RereadScope = Static<typeof RereadScope>;

/** What re-reading one report would change. */
export const RereadEntry = Type.Object({
  reportId: Type.Integer(),
  organization: Type.Object({ id: Type.Integer(), name: Type.String(), county: NullableString }),
  year: Type.Integer(),
  readerVersion: Type.Union([Type.String(), Type.Null()], { description: '读取它的读取器版本（null：未记录，早于版本记录）' }),
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      label: Type.String({ description: '模板用语' }),
      from: Type.Union([Type.Number(), Type.Null()]),
      to: Type.Union([Type.Number(), Type.Null()]),
    }),
    { description: '原文读出的数字的变化（不含人工更正）' },
  ),
  unit: Type.Union([Type.Object({ from: Type.String(), to: Type.String() }), Type.Null()], {
    description: '正文中读出的单位与现归属单位不同（不自动改变归属）',
  }),
  findingsAdded: Type.Array(Type.String()),
  findingsRemoved: Type.Array(Type.String()),
  failed: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() })),
});
export type RereadEntry = Static<typeof RereadEntry>;

export const RereadPreview = Type.Object({
  reader: Type.String({ description: '当前读取器版本' }),
  checked: Type.Integer({ description: '读取的现行报告数' }),
  reports: Type.Array(RereadEntry, { description: '会有变化（或无法读取）的报告' }),
});
export type RereadPreview = Static<typeof RereadPreview>;

export const RereadApply = Type.Object(
  { reportIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);
export type RereadApply = Static<typeof RereadApply>;

export const RereadResult = Type.Object({
  applied: Type.Array(Type.Object({ from: Type.Integer(), to: Type.Integer({ description: '新版本的报告编号' }) })),
  skipped: Type.Array(Type.Object({ reportId: Type.Integer(), reason: Type.String() })),
});
export type RereadResult = Static<typeof RereadResult>;
