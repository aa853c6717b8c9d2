import { useState } from 'preact/hooks';
import { transitionClaim } from '../api/claims';
import { asProblem, type Problem } from '../api/problem';
import { allows, type ClaimView, type SimilarClaim } from '../api/types';
import { ProblemMessage } from '../ui/Problem';
import { SimilarList } from './SimilarList';

/**
 * "Has this been checked already?" on the claim page. An editor whose claim may still be dismissed (the server says
 * so in allowedActions) can mark it a duplicate of one of the matches: a dismissal that names the original, audited
 * like every move.
 */
export function SimilarPanel({
  claim,
  items,
  onChanged,
}: {
  claim: ClaimView;
  items: SimilarClaim[] | null;
  onChanged: (c: ClaimView) => void;
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  if (items === null) return null;
  const canMark = allows(claim, 'DISMISS') && claim.duplicateOf == null;
  const mark = async (original: SimilarClaim) => {
    setBusy(true);
    setProblem(null);
    try {
      const updated = await transitionClaim(claim.id, claim.version, 'DISMISSED',
        `Duplicate of #${original.claim.id}`, original.claim.id);
      onChanged(updated);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="similar-title">
      <h2 id="similar-title">Similar claims</h2>
      {items.length === 0 ? (
        <p>No similar claims found.</p>
      ) : (
        <SimilarList
          items={items}
          action={
            canMark
              ? (m) =>
                  m.claim.duplicateOf == null ? (
                    <button type="button" class="link-button" disabled={busy} onClick={() => void mark(m)}
                      aria-label={`Mark as duplicate of #${m.claim.id}`}>
                      Mark as duplicate
                    </button>
                  ) : null
              : undefined
          }
        />
      )}
      <ProblemMessage problem={problem} onDismiss={() => setProblem(null)} />
    </section>
  );
}
