import { api, unwrap } from './client';
import type { ClaimReviewJsonLd } from './types';

/** The published ClaimReview JSON-LD for a ruling (public, no sign-in). */
export function publicClaimReview(rulingId: number): Promise<ClaimReviewJsonLd> {
  return unwrap<ClaimReviewJsonLd>(
    api.GET('/api/public/claim-reviews/{rulingId}', {
      params: { path: { rulingId } },
      headers: { Accept: 'application/ld+json, application/json' },
    }),
  );
}
