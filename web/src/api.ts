import { reactive } from 'vue';

/** Who is signed in (null: a visitor), and the CSRF token every write must carry. */
export const session = reactive<{ user: { name: string; role: string } | null; csrfToken: string; demo: boolean }>({
  user: null,
  csrfToken: '',
  demo: false,
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * JSON from the API; an error carries the API's Chinese message. Only the composables call this,
 * each with the type inferred from the endpoint's schema (shared/schemas): pages never name `T`.
 */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET') headers.set('x-csrf-token', session.csrfToken);
  if (init.body && typeof init.body === 'string') headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(res.status, (body as { message?: string } | null)?.message ?? `请求失败（${res.status}）`, body);
  return body as T;
}

export const canEdit = () => session.user !== null && (session.user.role === 'editor' || session.user.role === 'admin');
export const isAdmin = () => session.user?.role === 'admin';
