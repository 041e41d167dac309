import { expect } from 'vitest';
import { multipart, type TestApp } from './app';

/** One file of the import queue as GET /api/imports answers it. */
export type Job = {
  id: number;
  file: string;
  stage: string;
  pages?: number;
  ocrPage?: number;
  ocrPages?: number;
  result?: {
    status: string;
    reportId?: number;
    unitUnknown?: boolean;
    reason?: { zh: string };
    organization?: { name: string };
    year?: number;
    changes?: { field: string; label: string; from: number | null; to: number | null }[];
  };
};

/** Enqueue files through POST /api/imports and read their stages back, as the signed-in user `who`. */
export function importQueueClient(app: () => TestApp) {
  async function enqueue(files: { name: string; content: Buffer | string }[], who = 'editor'): Promise<Job[]> {
    const body = multipart(files);
    const res = await app().app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { ...body.headers, ...(await app().login(who)) },
    });
    expect(res.statusCode).toBe(202);
    return res.json().jobs;
  }

  async function jobs(ids: number[] | null, who = 'editor'): Promise<Job[]> {
    const res = await app().app.inject({
      method: 'GET',
      url: `/api/imports${ids ? `?ids=${ids.join(',')}` : ''}`,
      headers: await app().login(who),
    });
    expect(res.statusCode).toBe(200);
    return res.json().jobs;
  }
  return { enqueue, jobs };
}
