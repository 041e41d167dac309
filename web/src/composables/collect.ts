import type { CollectPageRow, CollectScheduleSettings, CollectState } from '../../../shared/schemas/index';
import { request } from '../api';

/** GET /api/collect: the sources, their last runs, and the crawl running now. */
export const fetchCollectState = () => request<CollectState>('/api/collect');
/** POST /api/collect/sources: a column URL to collect from. */
export const addCollectSource = (url: string) =>
  request<void>('/api/collect/sources', { method: 'POST', body: JSON.stringify({ url }) });
/** DELETE /api/collect/sources/:id: a source removed (its reports stay). */
export const deleteCollectSource = (id: number) => request<void>(`/api/collect/sources/${id}`, { method: 'DELETE' });
/** POST /api/collect/cancel: the crawl running now stopped (取消). */
export const cancelCollect = () => request<void>('/api/collect/cancel', { method: 'POST' });
/** POST /api/collect/sources/:id/run: 立即采集. */
export const runCollect = (id: number) => request<void>(`/api/collect/sources/${id}/run`, { method: 'POST' });
/** GET /api/collect/sources/:id/failures: what could not be collected, and why. */
export const fetchCollectFailures = async (id: number): Promise<CollectPageRow[]> =>
  (await request<{ pages: CollectPageRow[] }>(`/api/collect/sources/${id}/failures`)).pages;
/** PUT /api/collect/schedule: the daily collection in the reporting season. */
export const saveCollectSchedule = (s: CollectScheduleSettings) =>
  request<void>('/api/collect/schedule', { method: 'PUT', body: JSON.stringify(s) });
