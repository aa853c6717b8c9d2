import { useEffect, useState } from 'preact/hooks';
import { similarClaims } from '../api/claims';
import type { ClaimView, SimilarClaim } from '../api/types';

/**
 * The claims most like this one, looked up live (nothing is stored, so a claim rated since shows its verdict at once),
 * the claim itself left out. Null before the claim is known, while loading, and for a caller who may not search or when the lookup failed: the
 * hint must never stand in the way of the work on the claim.
 */
export function useSimilar(claim: ClaimView | undefined, limit = 5): SimilarClaim[] | null {
  const [items, setItems] = useState<SimilarClaim[] | null>(null);
  const id = claim?.id;
  const statement = claim?.statement;
  const language = claim?.language ?? undefined;
  useEffect(() => {
    if (id === undefined || statement === undefined) {
      setItems(null);
      return;
    }
    let current = true;
    similarClaims(statement, language, limit + 1)
      .then((r) => current && setItems(r.items.filter((m) => m.claim.id !== id).slice(0, limit)))
      .catch(() => current && setItems(null));
    return () => {
      current = false;
    };
  }, [id, statement, language, limit]);
  return items;
}

/**
 * The ruling a claim that came back should lead with: the verdict of the claim it was marked a duplicate of, else of
 * the best likely duplicate that was rated.
 */
export function alreadyRated(claim: ClaimView, items: SimilarClaim[] | null): SimilarClaim | null {
  if (!items) return null;
  const rated = items.filter((m) => m.verdictLabel);
  return (
    rated.find((m) => m.claim.id === claim.duplicateOf) ??
    (claim.duplicateOf ? null : rated.find((m) => m.duplicate === 'LIKELY')) ??
    null
  );
}
