/**
 * The roles, strongest first, with the words the office uses for them (the UI and the command
 * line). No schema library here: the dashboard's first screen imports it.
 */
export const ROLE_LABELS = { admin: '管理员', editor: '编辑', viewer: '只读' } as const;
export type RoleName = keyof typeof ROLE_LABELS;

export const roleLabel = (role: string): string => ROLE_LABELS[role as RoleName] ?? role;
