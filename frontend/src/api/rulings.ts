import { api, ifMatch, unwrap } from './client';
import type { RatingScale, RulingInput, RulingView } from './types';

export function currentRatingScale(): Promise<RatingScale> {
  return unwrap<RatingScale>(api.GET('/api/v1/rating-scale', {}));
}

export function listRulings(claimId: number): Promise<{ items: RulingView[] }> {
  return unwrap<{ items: RulingView[] }>(api.GET('/api/v1/claims/{claimId}/rulings', { params: { path: { claimId } } }));
}

/** Drafts a ruling; If-Match carries the claim's version (the claim moves to IN_REVIEW). */
export function draftRuling(claimId: number, claimVersion: number, input: RulingInput): Promise<RulingView> {
  return unwrap<RulingView>(
    api.POST('/api/v1/claims/{claimId}/rulings', {
      params: { path: { claimId }, header: { 'If-Match': ifMatch(claimVersion) } },
      body: input,
    }),
  );
}

export function approveRuling(id: number): Promise<RulingView> {
  return unwrap<RulingView>(api.POST('/api/v1/rulings/{id}/approval', { params: { path: { id } } }));
}

export function returnRuling(id: number, comment: string): Promise<RulingView> {
  return unwrap<RulingView>(api.POST('/api/v1/rulings/{id}/return', { params: { path: { id } }, body: { comment } }));
}
