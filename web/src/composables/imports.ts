import type { ImportJob, ImportJobs, ImportUnit } from '../../../shared/schemas/index';
import { request, session } from '../api';
import { query } from './useQuery';

/** GET /api/imports: this user's latest files, or the ones asked for by id. */
export const fetchImportJobs = async (ids?: number[]): Promise<ImportJob[]> =>
  (await request<ImportJobs>(`/api/imports${query({ ids: ids?.join(',') })}`)).jobs;

/**
 * POST /api/imports with one file, reporting upload progress (XHR: fetch cannot tell it). Resolves
 * to the file's job (a .zip: one per file in it), or rejects with the server's Chinese message.
 */
export function sendToImportQueue(
  file: File,
  county: string,
  onProgress: (percent: number) => void,
  name = file.name,
): Promise<ImportJob[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (county) form.append('county', county);
    form.append('files', file, name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('x-csrf-token', session.csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.total ? Math.round((e.loaded / e.total) * 100) : 0);
    xhr.onload = () => {
      let body: Partial<ImportJobs> & { message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 202 && body.jobs?.length) resolve(body.jobs);
      else reject(new Error(body.message ?? `上传失败（${xhr.status}）`));
    };
    xhr.onerror = () => reject(new Error('网络错误，上传未完成'));
    xhr.send(form);
  });
}

/** POST /api/imports/:id/unit: the unit of a file whose text names none (an existing unit, or a new name). */
export const assignImportUnit = (id: number, unit: ImportUnit) =>
  request<ImportJob>(`/api/imports/${id}/unit`, { method: 'POST', body: JSON.stringify(unit) });

/** POST /api/imports/:id/decision: replace the current version with a file in review, or discard it. */
export const decideImport = (id: number, replace: boolean) =>
  request<ImportJob>(`/api/imports/${id}/decision`, { method: 'POST', body: JSON.stringify({ replace }) });
