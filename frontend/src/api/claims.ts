import { api, ifMatch, unwrap, unwrapWithResponse } from './client';
import type {
  AuditEvent,
  ChainVerification,
  ClaimCounts,
  ClaimInput,
  ClaimPage,
  ClaimStatus,
  ClaimView,
  SimilarClaims,
} from './types';

export interface ClaimQuery {
  status?: ClaimStatus;
  assignee?: string;
  tag?: string;
  q?: string;
  submittedBy?: string;
  /** Only claims dismissed as duplicates of this one. */
  duplicateOf?: number;
  sort?: 'newest' | 'relevance';
  limit?: number;
  cursor?: string;
}

/** Drops empty values so the URL carries only the filters that are set. */
export function cleanQuery(q: ClaimQuery): ClaimQuery {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out as ClaimQuery;
}

export function listClaims(query: ClaimQuery): Promise<ClaimPage> {
  return unwrap<ClaimPage>(api.GET('/api/v1/claims', { params: { query: cleanQuery(query) } }));
}

export function claimCounts(): Promise<ClaimCounts> {
  return unwrap<ClaimCounts>(api.GET('/api/v1/claims/counts', {}));
}

export function getClaim(id: number): Promise<ClaimView> {
  return unwrap<ClaimView>(api.GET('/api/v1/claims/{id}', { params: { path: { id } } }));
}

/** Claims that may say the same as the text (desk staff only; contributors get a 403 problem). */
export function similarClaims(text: string, language?: string, limit = 5): Promise<SimilarClaims> {
  const query: { text: string; language?: string; limit: number } = { text: text.trim(), limit };
  if (language) query.language = language;
  return unwrap<SimilarClaims>(api.GET('/api/v1/claims/similar', { params: { query } }));
}

/** Submits a claim; returns the created claim. */
export function submitClaim(input: ClaimInput): Promise<ClaimView> {
  return unwrapWithResponse<ClaimView>(api.POST('/api/v1/claims', { body: input as never })).then((r) => r.data);
}

/** Edits metadata with If-Match of the version the user edited; 412 means someone else changed it. */
export function editClaim(id: number, version: number, changes: ClaimInput): Promise<ClaimView> {
  return unwrap<ClaimView>(
    api.PATCH('/api/v1/claims/{id}', {
      params: { path: { id }, header: { 'If-Match': ifMatch(version) } },
      body: changes as never,
    }),
  );
}

export function transitionClaim(
  id: number,
  version: number,
  to: ClaimStatus,
  reason?: string,
  duplicateOf?: number,
): Promise<ClaimView> {
  const body: { to: ClaimStatus; reason?: string; duplicateOf?: number } = { to };
  if (reason) body.reason = reason;
  if (duplicateOf) body.duplicateOf = duplicateOf;
  return unwrap<ClaimView>(
    api.POST('/api/v1/claims/{id}/transitions', {
      params: { path: { id }, header: { 'If-Match': ifMatch(version) } },
      body: body as never,
    }),
  );
}

export function assignClaim(id: number, version: number, username: string): Promise<ClaimView> {
  return unwrap<ClaimView>(
    api.PUT('/api/v1/claims/{id}/assignee', {
      params: { path: { id }, header: { 'If-Match': ifMatch(version) } },
      body: { username },
    }),
  );
}

export function claimHistory(id: number): Promise<{ items: AuditEvent[] }> {
  return unwrap<{ items: AuditEvent[] }>(api.GET('/api/v1/claims/{id}/history', { params: { path: { id } } }));
}

export function verifyClaimHistory(id: number): Promise<ChainVerification> {
  return unwrap<ChainVerification>(
    api.GET('/api/v1/claims/{id}/history/verify', { params: { path: { id } } }),
  );
}
