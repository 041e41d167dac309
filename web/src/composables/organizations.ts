import type { OrganizationChange, OrganizationDetails, OrganizationsQuery } from '../../../shared/schemas/index';
import { request } from '../api';
import { endpoint } from './useQuery';

/** GET /api/organizations/details: every unit with its names and current reports (editors). */
export const useOrganizationDetails = endpoint<OrganizationsQuery, OrganizationDetails>('/api/organizations/details');

/** PATCH /api/organizations/:id: a new name and/or county. */
export const changeOrganization = (id: number, body: OrganizationChange) =>
  request<void>(`/api/organizations/${id}`, { method: 'PATCH', body: JSON.stringify(body) });

/** POST /api/organizations/:id/merge: merges unit `from` into unit `id`. */
export const mergeOrganization = (id: number, from: number) =>
  request<void>(`/api/organizations/${id}/merge`, { method: 'POST', body: JSON.stringify({ from }) });
