import { api, ifMatch, unwrap } from './client';
import type { CommentView } from './types';

export function listComments(claimId: number): Promise<{ items: CommentView[] }> {
  return unwrap<{ items: CommentView[] }>(
    api.GET('/api/v1/claims/{id}/comments', { params: { path: { id: claimId } } }),
  );
}

export function addComment(claimId: number, body: string, parentId?: number): Promise<CommentView> {
  return unwrap<CommentView>(
    api.POST('/api/v1/claims/{id}/comments', {
      params: { path: { id: claimId } },
      body: parentId ? { body, parentId } : { body },
    }),
  );
}

export function editComment(id: number, version: number, body: string): Promise<CommentView> {
  return unwrap<CommentView>(
    api.PATCH('/api/v1/comments/{id}', {
      params: { path: { id }, header: { 'If-Match': ifMatch(version) } },
      body: { body },
    }),
  );
}

export async function deleteComment(id: number): Promise<void> {
  await unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id } } }));
}

export function resolveComment(id: number): Promise<CommentView> {
  return unwrap<CommentView>(api.POST('/api/v1/comments/{id}/resolution', { params: { path: { id } } }));
}
