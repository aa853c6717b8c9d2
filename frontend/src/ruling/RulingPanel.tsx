import { useState } from 'preact/hooks';
import { listEvidence } from '../api/evidence';
import { ApiError } from '../api/problem';
import { approveRuling, currentRatingScale, draftRuling, listRulings, returnRuling } from '../api/rulings';
import { allows, type ClaimView, type EvidenceView, type Me, type RulingView } from '../api/types';
import { Link } from '../router/router';
import { formatDateTime, humanize } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction, useAsync } from '../ui/useAsync';
import {
  CLAIM_REVIEWED_MAX,
  claimReviewedHint,
  fourEyesNote,
  needsCorrectionNote,
  rulingPhase,
  selectableVerdicts,
  sortRulings,
} from './rules';
import { SelectField } from '../ui/SelectField';

export function RulingPanel({
  claim,
  me,
  onClaimChanged,
  evidenceKey,
}: {
  claim: ClaimView;
  me: Me | null | undefined;
  onClaimChanged: () => void;
  evidenceKey?: string | number;
}) {
  const rulings = useAsync(() => listRulings(claim.id), [claim.id, claim.version]);
  const items = sortRulings(rulings.data?.items ?? []);
  const canDraft = allows(claim, 'DRAFT_RULING');
  const changed = () => {
    rulings.reload();
    onClaimChanged();
  };
  return (
    <section class="card" aria-labelledby="ruling-title">
      <h2 id="ruling-title">Ruling</h2>
      <ProblemMessage problem={rulings.problem} />
      {items.length === 0 && !rulings.loading && !rulings.problem ? <p class="muted">No ruling yet.</p> : null}
      <ol class="rulings" aria-label="Ruling versions">
        {items.map((r) => (
          <RulingItem key={r.id} r={r} claim={claim} me={me} onChanged={changed} />
        ))}
      </ol>
      {canDraft ? (
        <DraftForm claim={claim} correction={needsCorrectionNote(items)} onDrafted={changed} evidenceKey={evidenceKey} />
      ) : null}
    </section>
  );
}

function RulingItem({ r, claim, me, onChanged }: { r: RulingView; claim: ClaimView; me: Me | null | undefined; onChanged: () => void }) {
  const phase = rulingPhase(r);
  const action = useAction();
  const [returning, setReturning] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const reviewable = phase === 'draft' && (allows(claim, 'APPROVE_RULING') || allows(claim, 'RETURN_RULING'));
  const note = fourEyesNote(r, me?.username);
  const phaseText: Record<string, string> = {
    draft: 'Draft awaiting review',
    returned: 'Returned to research',
    published: 'Published',
    superseded: 'Superseded',
  };
  return (
    <li class={`ruling ruling-${phase}`}>
      <h3>
        {r.versionNumber ? `Version ${r.versionNumber}: ` : ''}
        {r.verdictLabel || humanize(r.verdict)}
        <span class="badge"> {phaseText[phase]}</span>
      </h3>
      <p>
        <strong>{r.headline}</strong>
      </p>
      <p>Claim reviewed: {r.claimReviewed}</p>
      <p>{r.summary}</p>
      {r.correctionNote ? (
        <p class="correction">
          <strong>Correction note:</strong> {r.correctionNote}
        </p>
      ) : null}
      <p class="muted small">
        Drafted by {r.draftedBy}, <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
        {r.approvedBy ? `; approved by ${r.approvedBy}` : ''}
        {r.returnedBy ? `; returned by ${r.returnedBy}` : ''}
        {r.returnedAt ? (
          <>
            {' '}
            <time dateTime={r.returnedAt}>{formatDateTime(r.returnedAt)}</time>
          </>
        ) : null}
        {r.publishedAt ? (
          <>
            ; published <time dateTime={r.publishedAt}>{formatDateTime(r.publishedAt)}</time>
          </>
        ) : null}
        {r.scaleVersion ? `; rating scale v${r.scaleVersion}` : ''}
        {r.evidenceIds?.length ? `; cites evidence ${r.evidenceIds.map((id) => `#${id}`).join(', ')}` : ''}
      </p>
      {phase === 'published' || phase === 'superseded' ? (
        <p>
          <Link href={`/public/claim-reviews/${r.id}`}>Public page for version {r.versionNumber ?? ''}</Link>
          {r.supersededBy ? (
            <>
              {' '}
              · superseded by <Link href={`/public/claim-reviews/${r.supersededBy}`}>the corrected ruling</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {reviewable ? (
        <div class="review">
          {note ? (
            <p class="notice" id={`four-eyes-${r.id}`}>
              <span aria-hidden="true">ⓘ </span>
              {note}
            </p>
          ) : null}
          <div class="actions">
            {allows(claim, 'APPROVE_RULING') ? (
            <button
              type="button"
              disabled={action.busy}
              aria-describedby={note ? `four-eyes-${r.id}` : undefined}
              onClick={async () => {
                setBlocked(null);
                try {
                  await approveRuling(r.id);
                  onChanged();
                } catch (e) {
                  if (e instanceof ApiError && e.status === 403) {
                    setBlocked(
                      'Four-eyes rule: the person who drafted a ruling cannot approve it. Ask another editor to approve.',
                    );
                  }
                  await action.run(() => Promise.reject(e));
                }
              }}
            >
              Approve and publish
            </button>
            ) : null}
            {allows(claim, 'RETURN_RULING') ? (
            <button type="button" aria-expanded={returning} onClick={() => setReturning(!returning)}>
              Return to research
            </button>
            ) : null}
          </div>
          {blocked ? (
            <p class="notice" role="alert">
              {blocked}
            </p>
          ) : null}
          {returning ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const comment = String(new FormData(e.currentTarget as HTMLFormElement).get('comment') ?? '').trim();
                const ok = await action.run(() => returnRuling(r.id, comment));
                if (ok) {
                  setReturning(false);
                  onChanged();
                }
              }}
            >
              <label>
                What needs more work
                <textarea name="comment" rows={3} required />
              </label>
              <button type="submit" disabled={action.busy}>
                Send back
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      <ProblemMessage problem={action.problem} />
    </li>
  );
}

function DraftForm({
  claim,
  correction,
  onDrafted,
  evidenceKey,
}: {
  claim: ClaimView;
  correction: boolean;
  onDrafted: () => void;
  evidenceKey?: string | number;
}) {
  const scale = useAsync(() => currentRatingScale(), []);
  const evidence = useAsync(() => listEvidence(claim.id), [claim.id, evidenceKey]);
  const [claimReviewed, setClaimReviewed] = useState(claim.statement.slice(0, 75));
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const action = useAction();
  const hint = claimReviewedHint(claimReviewed);
  const usable: EvidenceView[] = (evidence.data?.items ?? []).filter((e) => !e.retracted);
  return (
    <form
      class="draft"
      aria-labelledby="draft-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget as HTMLFormElement);
        const str = (k: string) => String(fd.get(k) ?? '').trim();
        const input = {
          verdict: str('verdict'),
          headline: str('headline'),
          claimReviewed: claimReviewed.trim(),
          summary: str('summary'),
          evidenceIds: [...picked],
          ...(str('correctionNote') ? { correctionNote: str('correctionNote') } : {}),
        };
        const r = await action.run(() => draftRuling(claim.id, claim.version, input));
        if (r) onDrafted();
      }}
    >
      <h3 id="draft-title">{correction ? 'Draft a corrected ruling' : 'Draft a ruling'}</h3>
      <ProblemMessage problem={scale.problem} />
      <SelectField label="Verdict" name="verdict" required>
          <option value="">Choose a verdict…</option>
          {selectableVerdicts(scale.data?.verdicts ?? []).map((v) => (
            <option key={v.key} value={v.key} title={v.description ?? ''}>
              {v.label}
            </option>
          ))}
        </SelectField>
      <label>
        Headline
        <input name="headline" required />
      </label>
      <label>
        Claim reviewed (short restatement)
        <input
          name="claimReviewed"
          required
          maxLength={CLAIM_REVIEWED_MAX}
          value={claimReviewed}
          onInput={(e) => setClaimReviewed(e.currentTarget.value)}
          aria-describedby="claim-reviewed-hint"
        />
      </label>
      <p id="claim-reviewed-hint" class={`hint ${hint.level}`}>
        {hint.level === 'warn' ? <span aria-hidden="true">⚠ </span> : null}
        {hint.level === 'warn' ? 'Warning: ' : hint.level === 'error' ? 'Too long: ' : ''}
        {hint.message}
      </p>
      <label>
        Summary
        <textarea name="summary" rows={4} required />
      </label>
      <fieldset>
        <legend>Cited evidence</legend>
        <ProblemMessage problem={evidence.problem} />
        {usable.length === 0 ? <p class="muted">No usable evidence on this claim yet.</p> : null}
        {usable.map((ev) => (
          <label class="inline" key={ev.id}>
            <input
              type="checkbox"
              checked={picked.has(ev.id)}
              onChange={(e) => {
                const next = new Set(picked);
                if (e.currentTarget.checked) next.add(ev.id);
                else next.delete(ev.id);
                setPicked(next);
              }}
            />
            {ev.kind === 'FILE' ? ev.fileName : ev.title || ev.url} ({humanize(ev.stance)})
          </label>
        ))}
      </fieldset>
      {correction ? (
        <label>
          Correction note (public)
          <textarea name="correctionNote" rows={2} required />
        </label>
      ) : null}
      <ProblemMessage problem={action.problem} />
      <button type="submit" disabled={action.busy || hint.level === 'error'}>
        Submit draft for review
      </button>
    </form>
  );
}
