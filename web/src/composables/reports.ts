import type { FigureCorrection, ReportDetail, ReportList, ReportListQuery } from '../../../shared/schemas/index';
import { request } from '../api';
import { endpoint, useQuery } from './useQuery';

/** GET /api/reports/:id: one report, its figures as corrected, history and source text. */
export const useReport = (id: () => number | null) =>
  useQuery<ReportDetail>(() => {
    const n = id();
    return n === null ? null : `/api/reports/${n}`;
  });

/** GET /api/reports: current reports (or every version) by year and organisation. */
export const useReportList = endpoint<ReportListQuery, ReportList>('/api/reports');

/** PATCH /api/reports/:id/figures: corrects one figure; answers with the report as it now stands. */
export const correctFigure = (id: number, body: FigureCorrection) =>
  request<ReportDetail>(`/api/reports/${id}/figures`, { method: 'PATCH', body: JSON.stringify(body) });

/** POST /api/reports/:id/current: makes an older version the current one again. */
export const makeCurrent = (id: number) => request<ReportDetail>(`/api/reports/${id}/current`, { method: 'POST' });
