import type { SimilarClaim } from '../api/types';
import { Link } from '../router/router';

/** How one match reads: how close it is and, once the matched claim was rated, its verdict. */
export function describeMatch(m: SimilarClaim): string {
  const kind = m.duplicate === 'LIKELY' ? 'likely duplicate' : 'possible duplicate';
  const rated = m.verdictLabel ? `, rated ${m.verdictLabel}` : '';
  return `${kind}, ${Math.round(m.score * 100)}%${rated}`;
}

/** Claims that may say the same thing, best first, each linking to its claim page. */
export function SimilarList({ items }: { items: SimilarClaim[] }) {
  return (
    <ul class="similar-list">
      {items.map((m) => (
        <li key={m.claim.id}>
          <Link href={`/claims/${m.claim.id}`}>#{m.claim.id}</Link> {m.claim.statement} <small>({describeMatch(m)})</small>
        </li>
      ))}
    </ul>
  );
}
