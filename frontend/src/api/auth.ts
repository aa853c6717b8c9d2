import { api, unwrap } from './client';
import type { Me } from './types';

export function login(username: string, password: string): Promise<Me> {
  return unwrap<Me>(
    api.POST('/api/v1/auth/login', {
      body: { username, password },
      bodySerializer: (b) => new URLSearchParams(b as Record<string, string>).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
    { signIn: true },
  );
}

export async function logout(): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/logout', {}));
}

/** The signed-in user, or null when not signed in (401). */
export async function me(): Promise<Me | null> {
  const r = await api.GET('/api/v1/auth/me', {});
  if (r.response.status === 401) return null;
  return unwrap<Me>(Promise.resolve(r));
}
