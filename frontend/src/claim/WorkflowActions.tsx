import { useState } from 'preact/hooks';
import { transitionClaim } from '../api/claims';
import type { ClaimStatus, ClaimView, Me } from '../api/types';
import { statusLabel } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction } from '../ui/useAsync';
import { elsewhere, transitionLabel, transitionNeedsReason } from './workflow';

/** Only the moves the server says this user may make (ClaimView.allowedTransitions). */
export function WorkflowActions({ claim, onChanged }: { claim: ClaimView; me: Me | null | undefined; onChanged: (c: ClaimView) => void }) {
  const [pending, setPending] = useState<ClaimStatus | null>(null);
  const action = useAction();
  const moves = claim.allowedTransitions ?? [];
  return (
    <section class="card" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Status</h2>
      <p>Current status: {statusLabel(claim.status)}</p>
      {moves.length === 0 ? <p class="muted">{elsewhere(claim)}</p> : null}
      <div class="actions">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            disabled={action.busy}
            aria-expanded={transitionNeedsReason(claim.status, to) ? pending === to : undefined}
            onClick={async () => {
              if (transitionNeedsReason(claim.status, to)) {
                setPending(pending === to ? null : to);
                return;
              }
              const c = await action.run(() => transitionClaim(claim.id, claim.version, to));
              if (c) onChanged(c);
            }}
          >
            {transitionLabel(claim.status, to)}
          </button>
        ))}
      </div>
      {pending ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const fd = new FormData(e.currentTarget as HTMLFormElement);
            const reason = String(fd.get('reason') ?? '').trim();
            const dup = Number(fd.get('duplicateOf') || 0) || undefined;
            const c = await action.run(() => transitionClaim(claim.id, claim.version, pending, reason, dup));
            if (c) {
              setPending(null);
              onChanged(c);
            }
          }}
        >
          <label>
            Reason for “{transitionLabel(claim.status, pending)}”
            <textarea name="reason" rows={2} required />
          </label>
          {pending === 'DISMISSED' ? (
            <label>
              Duplicate of claim number (optional)
              <input name="duplicateOf" type="number" min={1} inputMode="numeric" />
            </label>
          ) : null}
          <div class="actions">
            <button type="submit" disabled={action.busy}>
              Confirm: {transitionLabel(claim.status, pending)}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ProblemMessage problem={action.problem} />
    </section>
  );
}
