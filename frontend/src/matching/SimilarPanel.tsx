import { useEffect, useState } from 'preact/hooks';
import { similarClaims } from '../api/claims';
import type { ClaimView, SimilarClaim } from '../api/types';
import { SimilarList } from './SimilarList';

/**
 * "Has this been checked already?" on the claim page: the claims most like this one, looked up live (nothing is
 * stored, so a claim rated since shows its verdict at once). A caller who may not search (a contributor) or a failed
 * lookup shows no panel: the hint must never stand in the way of the work on the claim.
 */
export function SimilarPanel({ claim }: { claim: ClaimView }) {
  const [items, setItems] = useState<SimilarClaim[] | null>(null);
  useEffect(() => {
    let current = true;
    similarClaims(claim.statement, claim.language ?? undefined, 6)
      .then((r) => current && setItems(r.items.filter((m) => m.claim.id !== claim.id).slice(0, 5)))
      .catch(() => current && setItems(null));
    return () => {
      current = false;
    };
  }, [claim.id, claim.statement, claim.language]);
  if (items === null) return null;
  return (
    <section class="card" aria-labelledby="similar-title">
      <h2 id="similar-title">Similar claims</h2>
      {items.length === 0 ? <p>No similar claims found.</p> : <SimilarList items={items} />}
    </section>
  );
}
