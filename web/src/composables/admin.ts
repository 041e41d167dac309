import type {
  AuditEntries,
  CountyList,
  RereadPreview,
  RereadResult,
  RereadScope,
  SaveUser,
  UserList,
} from '../../../shared/schemas/index';
import { request } from '../api';
import { query } from './useQuery';

/** GET /api/admin/audit: a page of the audit log, newest first. */
export const fetchAudit = async (params: { limit: number; before?: number; action?: string }) =>
  (await request<AuditEntries>(`/api/admin/audit${query(params)}`)).entries;
/** GET /api/admin/users. */
export const fetchUsers = async () => (await request<UserList>('/api/admin/users')).users;
/** GET /api/admin/counties: the counties uploads may be assigned to. */
export const fetchCountyList = async () => (await request<CountyList>('/api/admin/counties')).counties;
/** POST /api/admin/users/:name/unlock. */
export const unlockUser = (name: string) =>
  request<void>(`/api/admin/users/${encodeURIComponent(name)}/unlock`, { method: 'POST' });
/** POST /api/admin/users/:name/disable or /enable: staff who left lose access at once; enabled again by an admin. */
export const setUserDisabled = (name: string, disabled: boolean) =>
  request<void>(`/api/admin/users/${encodeURIComponent(name)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' });
/** DELETE /api/admin/users/:name: the account goes, its audit lines stay. */
export const deleteUser = (name: string) => request<void>(`/api/admin/users/${encodeURIComponent(name)}`, { method: 'DELETE' });
/** POST /api/admin/counties. */
export const addCounty = (name: string) =>
  request<void>('/api/admin/counties', { method: 'POST', body: JSON.stringify({ name }) });
/** DELETE /api/admin/counties/:name. */
export const removeCounty = (name: string) =>
  request<void>(`/api/admin/counties/${encodeURIComponent(name)}`, { method: 'DELETE' });

/** PUT /api/admin/users/:name: creates an account, or changes its role and/or password. */
export const saveUser = (name: string, body: SaveUser) =>
  request<{ name: string; role: string; created: boolean }>(`/api/admin/users/${encodeURIComponent(name)}`, {
    method: 'PUT',
    body: JSON.stringify(body),
  });

/** POST /api/admin/reread/preview: what re-reading the originals in scope would change; nothing written. */
export const previewReread = (scope: RereadScope) =>
  request<RereadPreview>('/api/admin/reread/preview', { method: 'POST', body: JSON.stringify(scope) });
/** POST /api/admin/reread/apply: writes the confirmed reports' new readings as new versions. */
export const applyReread = (reportIds: number[]) =>
  request<RereadResult>('/api/admin/reread/apply', { method: 'POST', body: JSON.stringify({ reportIds }) });
