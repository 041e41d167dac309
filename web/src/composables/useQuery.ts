import { onScopeDispose, type Ref, ref, shallowRef, watch } from 'vue';
import { request } from '../api';

export interface Query<T> {
  data: Ref<T | null>;
  /** The API's Chinese message when the last request failed, else ''. */
  error: Ref<string>;
  loading: Ref<boolean>;
  reload: () => Promise<void>;
}

/**
 * GETs `url()` now and whenever it changes (null: nothing to ask yet). A new request aborts the one
 * still running, so a slow answer to old filters never overwrites the answer to the new ones; the
 * request still running when the page goes away is aborted too. Errors land in `error`, once.
 */
export function useQuery<T>(url: () => string | null): Query<T> {
  const data = shallowRef<T | null>(null);
  const error = ref('');
  const loading = ref(false);
  let running: AbortController | null = null;

  async function run(): Promise<void> {
    const path = url();
    running?.abort();
    running = null;
    if (path === null) {
      loading.value = false;
      return;
    }
    const mine = new AbortController();
    running = mine;
    loading.value = true;
    error.value = '';
    try {
      const value = await request<T>(path, { signal: mine.signal });
      if (running === mine) data.value = value;
    } catch (e) {
      if (!mine.signal.aborted) error.value = (e as Error).message;
    } finally {
      if (running === mine) {
        running = null;
        loading.value = false;
      }
    }
  }

  watch(url, run, { immediate: true });
  onScopeDispose(() => running?.abort());
  return { data, error, loading, reload: run };
}

/** `?a=1&b=x` from the parameters that have a value; '' when none has. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A GET composable for one endpoint: its parameters as a getter (null: not yet), its answer typed. */
export const endpoint =
  <P extends Record<string, string | number | boolean | undefined>, T>(path: string | ((p: P) => string)) =>
  (params: () => P | null): Query<T> =>
    useQuery<T>(() => {
      const p = params();
      if (p === null) return null;
      return typeof path === 'string' ? `${path}${query(p)}` : path(p);
    });
