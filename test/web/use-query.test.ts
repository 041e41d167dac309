import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useQuery } from '../../web/src/composables/useQuery';

// The dashboard's one GET helper: a newer request aborts the older one, so a slow answer to old
// filters never replaces the answer to the new ones.

interface Pending {
  url: string;
  signal: AbortSignal;
  answer: (body: unknown, status?: number) => void;
}

function fakeFetch() {
  const pending: Pending[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal as AbortSignal;
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      pending.push({
        url,
        signal,
        answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status })),
      });
    });
  });
  return pending;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick();
  await new Promise((r) => setTimeout(r, 0));
};

afterEach(() => vi.unstubAllGlobals());

describe('useQuery', () => {
  it('keeps the newer answer when the older one arrives last, and aborts the older request', async () => {
    const pending = fakeFetch();
    const year = ref(2023);
    const scope = effectScope();
    const q = scope.run(() => useQuery<{ year: number }>(() => `/api/x?year=${year.value}`));
    if (!q) throw new Error('no query');
    await settle();
    year.value = 2024;
    await settle();
    expect(pending.map((p) => p.url)).toEqual(['/api/x?year=2023', '/api/x?year=2024']);
    expect(pending[0]?.signal.aborted).toBe(true);
    pending[1]?.answer({ year: 2024 });
    await settle();
    pending[0]?.answer({ year: 2023 }); // too late: its request was aborted
    await settle();
    expect(q.data.value).toEqual({ year: 2024 });
    expect(q.error.value).toBe('');
    expect(q.loading.value).toBe(false);
    scope.stop();
  });

  it('shows the API’s Chinese message on an error, and asks nothing while the URL is null', async () => {
    const pending = fakeFetch();
    const ready = ref(false);
    const scope = effectScope();
    const q = scope.run(() => useQuery<unknown>(() => (ready.value ? '/api/rankings?year=1999' : null)));
    if (!q) throw new Error('no query');
    await settle();
    expect(pending).toEqual([]);
    ready.value = true;
    await settle();
    pending[0]?.answer({ error: 'not_found', message: '没有 1999 年度的报告' }, 404);
    await settle();
    expect(q.error.value).toBe('没有 1999 年度的报告');
    expect(q.data.value).toBeNull();
    scope.stop();
  });

  it('aborts the request still running when the page goes away', async () => {
    const pending = fakeFetch();
    const scope = effectScope();
    scope.run(() => useQuery<unknown>(() => '/api/years'));
    await settle();
    scope.stop();
    expect(pending[0]?.signal.aborted).toBe(true);
  });
});
