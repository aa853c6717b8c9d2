import { useState } from 'preact/hooks';
import { editClaim, getClaim } from '../api/claims';
import { ApiError, asProblem, type Problem } from '../api/problem';
import { allows, PRIORITIES, type ClaimInput, type ClaimView, type Me } from '../api/types';
import { parseTags } from '../submit/article';
import { formatDate, formatDateTime, humanize } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { changedFields, describeConflict, otherChanges } from './edit';
import { SelectField } from '../ui/SelectField';

interface Conflict {
  latest: ClaimView;
  mine: ClaimInput;
}

function mayEdit(claim: ClaimView, me: Me | null | undefined): boolean {
  return !!me && allows(claim, 'EDIT');
}

/** Metadata, with editing under If-Match and a 412 flow that shows what changed. */
export function ClaimDetails({ claim, me, onSaved }: { claim: ClaimView; me: Me | null | undefined; onSaved: (c: ClaimView) => void }) {
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState<ClaimView>(claim);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (version: number, changes: ClaimInput, startedFrom: ClaimView) => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await editClaim(claim.id, version, changes);
      setConflict(null);
      setEditing(false);
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        try {
          const latest = await getClaim(claim.id);
          setBase(startedFrom);
          setConflict({ latest, mine: changes });
        } catch (e2) {
          setProblem(asProblem(e2));
        }
      } else {
        setProblem(asProblem(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (conflict) {
    const rows = describeConflict(base, conflict.latest, conflict.mine);
    const others = otherChanges(base, conflict.latest);
    return (
      <section class="card" aria-labelledby="conflict-title">
        <h2 id="conflict-title">Someone else changed this claim</h2>
        <div role="alert">
          <p>
            Your changes were not saved: the claim moved from version {base.version} to {conflict.latest.version} while
            you were editing.
          </p>
        </div>
        <table class="conflict">
          <caption>What changed</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">When you started</th>
              <th scope="col">Now on the server</th>
              <th scope="col">Your edit</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field}>
                <th scope="row">
                  {r.label}
                  {r.clash ? <span class="warn"> (both changed)</span> : null}
                </th>
                <td>{r.before || '—'}</td>
                <td>{r.server || '—'}</td>
                <td>{r.mine === null ? '(unchanged)' : r.mine || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {others.length ? (
          <ul>
            {others.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        ) : null}
        <ProblemMessage problem={problem} />
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              setConflict(null);
              setEditing(false);
              onSaved(conflict.latest);
            }}
          >
            Reload (discard my edits)
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => save(conflict.latest.version, conflict.mine, conflict.latest)}
          >
            Reapply my changes
          </button>
        </div>
      </section>
    );
  }

  if (editing) {
    return (
      <form
        class="card"
        aria-labelledby="edit-title"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget as HTMLFormElement);
          const edited: ClaimInput = {
            statement: String(fd.get('statement') ?? '').trim(),
            claimant: String(fd.get('claimant') ?? '').trim(),
            sourceUrl: String(fd.get('sourceUrl') ?? '').trim(),
            claimedAt: String(fd.get('claimedAt') ?? ''),
            tags: parseTags(String(fd.get('tags') ?? '')),
            priority: String(fd.get('priority')) as ClaimInput['priority'],
          };
          const changes = changedFields(base, edited);
          if (Object.keys(changes).length === 0) {
            setEditing(false);
            return;
          }
          save(base.version, changes, base);
        }}
      >
        <h2 id="edit-title">Edit claim</h2>
        <label>
          Statement
          <textarea name="statement" rows={3} required minLength={10} maxLength={2000} defaultValue={base.statement} />
        </label>
        <div class="grid2">
          <label>
            Claimant
            <input name="claimant" defaultValue={base.claimant ?? ''} />
          </label>
          <label>
            Source URL
            <input name="sourceUrl" type="url" defaultValue={base.sourceUrl ?? ''} />
          </label>
          <label>
            Date claimed
            <input name="claimedAt" type="date" defaultValue={base.claimedAt ?? ''} />
          </label>
          <label>
            Tags (comma separated)
            <input name="tags" defaultValue={base.tags.join(', ')} />
          </label>
          <SelectField label="Priority" name="priority">
              {PRIORITIES.map((p) => (
                <option key={p} value={p} selected={p === base.priority}>
                  {humanize(p)}
                </option>
              ))}
            </SelectField>
        </div>
        <ProblemMessage problem={problem} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Save changes
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel editing
          </button>
        </div>
      </form>
    );
  }

  return (
    <section class="card" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl class="meta">
        <dt>Claimant</dt>
        <dd>{claim.claimant || '—'}</dd>
        <dt>Source</dt>
        <dd>
          {claim.sourceUrl ? (
            <a href={claim.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
              {claim.sourceUrl}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>Date claimed</dt>
        <dd>{claim.claimedAt ? formatDate(claim.claimedAt) : '—'}</dd>
        <dt>Tags</dt>
        <dd>{claim.tags.length ? claim.tags.join(', ') : '—'}</dd>
        <dt>Priority</dt>
        <dd>{humanize(claim.priority)}</dd>
        <dt>Submitted by</dt>
        <dd>
          {claim.submittedBy}, <time dateTime={claim.createdAt}>{formatDateTime(claim.createdAt)}</time>
        </dd>
        <dt>Last change</dt>
        <dd>
          <time dateTime={claim.updatedAt}>{formatDateTime(claim.updatedAt)}</time> (version {claim.version})
        </dd>
        {claim.dismissalReason ? (
          <>
            <dt>Dismissal reason</dt>
            <dd>{claim.dismissalReason}</dd>
          </>
        ) : null}
        {claim.duplicateOf ? (
          <>
            <dt>Duplicate of</dt>
            <dd>
              <a href={`/claims/${claim.duplicateOf}`}>Claim #{claim.duplicateOf}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {mayEdit(claim, me) ? (
        <button
          type="button"
          onClick={() => {
            setBase(claim);
            setProblem(null);
            setEditing(true);
          }}
        >
          Edit details
        </button>
      ) : null}
    </section>
  );
}
