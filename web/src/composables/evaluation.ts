import type {
  Bulletin,
  Comparison,
  CopyPair,
  Evaluation,
  Roster,
  RosterChanged,
  Rubric,
  RubricAnswer,
} from '../../../shared/schemas/index';
import { request, session } from '../api';
import { endpoint, query } from './useQuery';

type Scope = { county: string; year: number };

/** GET /api/evaluation: the score table of a county's year. */
export const useEvaluation = endpoint<Scope, Evaluation>('/api/evaluation');
/** GET /api/evaluation/roster: the units that must report. */
export const useRoster = endpoint<Scope, Roster>('/api/evaluation/roster');
/** GET /api/evaluation/copies: pairs of reports at or above the copy threshold. */
export const useCopies = endpoint<Scope, { threshold: number; pairs: CopyPair[] }>('/api/evaluation/copies');
/** GET /api/evaluation/rubric: the year's scoring scheme. */
export const useRubric = endpoint<{ year: number }, RubricAnswer>('/api/evaluation/rubric');
/** GET /api/evaluation/bulletin: the 通报's words and table, for the preview. */
export const useBulletin = endpoint<Scope & { docNumber?: string; issuedOn?: string }, Bulletin>('/api/evaluation/bulletin');
/** GET /api/evaluation/compare: two reports' prose side by side. */
export const useComparison = endpoint<{ a: number; b: number }, Comparison>('/api/evaluation/compare');

const post = <T>(path: string, body: unknown, method = 'POST') => request<T>(path, { method, body: JSON.stringify(body) });

export const addToRoster = (s: Scope, names: string[]) => post<RosterChanged>('/api/evaluation/roster', { ...s, names });
export const copyRoster = (s: Scope, from: number) => post<{ added: number }>('/api/evaluation/roster/copy', { ...s, from });
export const removeFromRoster = (s: Scope, organizationId: number) =>
  post<void>('/api/evaluation/roster/remove', { ...s, organizationId });
export const setDeadline = (year: number, deadline: string | null) =>
  post<{ deadline: string }>('/api/evaluation/deadline', { year, deadline }, 'PUT');
export const saveRubric = (year: number, rubric: Rubric | null) =>
  post<RubricAnswer>('/api/evaluation/rubric', { year, rubric }, 'PUT');

/** POST /api/evaluation/roster/import: an Excel list of the units. */
export async function importRoster(s: Scope, file: File): Promise<RosterChanged> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<RosterChanged>(`/api/evaluation/roster/import${query(s)}`, {
    method: 'POST',
    body: form,
    headers: { 'x-csrf-token': session.csrfToken },
  });
}

export const exportUrl = (s: Scope) => `/api/export/evaluation.xlsx${query(s)}`;
export const bulletinDocxUrl = (s: Scope & { docNumber?: string; issuedOn?: string }) =>
  `/api/evaluation/bulletin.docx${query(s)}`;
export const chartUrl = (s: Scope) => `/api/evaluation/bulletin/chart.png${query(s)}`;
