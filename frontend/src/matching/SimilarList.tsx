import type { ComponentChild } from 'preact';
import type { SimilarClaim } from '../api/types';
import { Link } from '../router/router';

/** How one match reads: how close it is and, once the matched claim was rated, its verdict. */
export function describeMatch(m: SimilarClaim): string {
  const kind = m.duplicate === 'LIKELY' ? 'likely duplicate' : 'possible duplicate';
  const rated = m.verdictLabel ? `, rated ${m.verdictLabel}` : '';
  return `${kind}, ${Math.round(m.score * 100)}%${rated}`;
}

/** Claims that may say the same thing, best first, each linking to its claim page, with an optional action each. */
export function SimilarList({ items, action }: { items: SimilarClaim[]; action?: (m: SimilarClaim) => ComponentChild }) {
  return (
    <ul class="similar-list">
      {items.map((m) => (
        <li key={m.claim.id}>
          <Link href={`/claims/${m.claim.id}`}>#{m.claim.id}</Link> {m.claim.statement} <small>({describeMatch(m)})</small>
          {action ? <> {action(m)}</> : null}
        </li>
      ))}
    </ul>
  );
}
