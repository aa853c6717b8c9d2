import type { ClaimView, SimilarClaim } from '../api/types';
import { Link } from '../router/router';
import { alreadyRated } from './useSimilar';

/**
 * A claim that came back after its original was rated leads with that ruling: the desk answers with the existing
 * verdict instead of starting over.
 */
export function AlreadyRatedBanner({ claim, items }: { claim: ClaimView; items: SimilarClaim[] | null }) {
  const rated = alreadyRated(claim, items);
  if (!rated || claim.status === 'RATED') return null;
  const marked = rated.claim.id === claim.duplicateOf;
  return (
    <section class="already-rated" role="note" aria-label="Already checked">
      <p>
        <strong>Already checked: rated {rated.verdictLabel}</strong>
      </p>
      <p>
        {marked ? 'Marked as a duplicate of ' : `Likely the same claim as (${Math.round(rated.score * 100)}% similar) `}
        <Link href={`/claims/${rated.claim.id}`}>#{rated.claim.id}</Link>: “{rated.claim.statement}”
      </p>
    </section>
  );
}
