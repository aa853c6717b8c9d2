import { listClaims } from '../api/claims';
import type { ClaimView } from '../api/types';
import { Link } from '../router/router';
import { formatDateTime } from '../ui/format';
import { useAsync } from '../ui/useAsync';

/** Every claim marked a duplicate of this one: how often it came back, when, and from where. */
export function DuplicatesPanel({ claim, refreshKey }: { claim: ClaimView; refreshKey: unknown }) {
  const page = useAsync(() => listClaims({ duplicateOf: claim.id, limit: 100 }), [claim.id, refreshKey]);
  const items = page.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section class="card" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">
        Came back {items.length}
        {page.data?.nextCursor ? '+' : ''} {items.length === 1 ? 'time' : 'times'}
      </h2>
      <ul class="similar-list">
        {items.map((d) => (
          <li key={d.id}>
            <Link href={`/claims/${d.id}`}>#{d.id}</Link> {d.statement}{' '}
            <small>
              ({formatDateTime(d.createdAt)}, by {d.submittedBy}
              {d.claimant ? `, claimant ${d.claimant}` : ''}
              {d.sourceUrl ? (
                <>
                  , <a href={d.sourceUrl} rel="noopener noreferrer" target="_blank">source</a>
                </>
              ) : null}
              )
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
