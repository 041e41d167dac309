import type { Counties, Organizations, OrganizationsQuery, Status, Years } from '../../../shared/schemas/index';
import { request } from '../api';
import { endpoint, useQuery } from './useQuery';

/** GET /api/years: the years with reports, newest first. */
export const useYears = () => useQuery<Years>(() => '/api/years');
/** GET /api/counties: counties with their organisations (null: not assigned). */
export const useCounties = () => useQuery<Counties>(() => '/api/counties');
/** GET /api/organizations. */
export const useOrganizations = endpoint<OrganizationsQuery, Organizations>('/api/organizations');
/** GET /api/status: whether the data is the demo's. */
export const fetchStatus = () => request<Status>('/api/status');
