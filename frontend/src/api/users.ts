import { api, unwrap } from './client';
import type { ApiKeyView, CreatedApiKey, Role, UserView } from './types';

export function listUsers(): Promise<{ items: UserView[] }> {
  return unwrap<{ items: UserView[] }>(api.GET('/api/v1/users', {}));
}

export function createUser(u: { username: string; displayName: string; password: string; roles: Role[] }): Promise<UserView> {
  return unwrap<UserView>(api.POST('/api/v1/users', { body: u }));
}

export function deactivateUser(username: string): Promise<UserView> {
  return unwrap<UserView>(api.POST('/api/v1/users/{username}/deactivation', { params: { path: { username } } }));
}

export function listApiKeys(): Promise<{ items: ApiKeyView[] }> {
  return unwrap<{ items: ApiKeyView[] }>(api.GET('/api/v1/api-keys', {}));
}

export function createApiKey(name: string, role: Role): Promise<CreatedApiKey> {
  return unwrap<CreatedApiKey>(api.POST('/api/v1/api-keys', { body: { name, role } }));
}

export async function revokeApiKey(id: number): Promise<void> {
  await unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } }));
}
