import type { ReportReview, ReviewQueue, ReviewQueueQuery, ReviewSummary } from '../../../shared/schemas/index';
import { request } from '../api';
import { endpoint } from './useQuery';

/** GET /api/review: a county-year's reports with figures to check, the ones that can move a rank first. */
export const useReviewQueue = endpoint<ReviewQueueQuery, ReviewQueue>('/api/review');
/** GET /api/review/summary: how many of a county-year's reports are checked (已核对 N/M 家). */
export const useReviewSummary = endpoint<ReviewQueueQuery, ReviewSummary>('/api/review/summary');
/** POST /api/reports/:id/checks: 核对无误 for one figure; answers with the report's review as it now stands. */
export const confirmFigure = (id: number, field: string) =>
  request<ReportReview>(`/api/reports/${id}/checks`, { method: 'POST', body: JSON.stringify({ field }) });
