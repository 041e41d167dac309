import type { Login, Me } from '../../../shared/schemas/index';
import { request, session } from '../api';

/** GET /api/me: who is signed in, kept in `session` (a visitor: null). */
export async function refreshSession(): Promise<void> {
  try {
    const me = await request<Me>('/api/me');
    session.user = me.user;
    session.csrfToken = me.csrfToken;
  } catch {
    session.user = null;
    session.csrfToken = '';
  }
}

/** POST /api/session, then the session as the server now sees it. */
export async function signIn(body: Login): Promise<void> {
  await request<Me>('/api/session', { method: 'POST', body: JSON.stringify(body) });
  await refreshSession();
}

/** DELETE /api/session. */
export async function signOut(): Promise<void> {
  await request<void>('/api/session', { method: 'DELETE' });
  await refreshSession();
}
