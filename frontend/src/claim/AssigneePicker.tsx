import { assignClaim } from '../api/claims';
import { allows, type ClaimView, type Me } from '../api/types';
import { listUsers } from '../api/users';
import { ProblemMessage } from '../ui/Problem';
import { useAction, useAsync } from '../ui/useAsync';
import { SelectField } from '../ui/SelectField';

/** Editors assign any fact-checker or editor; a fact-checker can take the claim themself. */
export function AssigneePicker({ claim, me, onChanged }: { claim: ClaimView; me: Me | null | undefined; onChanged: (c: ClaimView) => void }) {
  const editor = allows(claim, 'ASSIGN');
  const taker = allows(claim, 'TAKE');
  const action = useAction();
  const users = useAsync(
    () => (editor ? listUsers().then((r) => r.items) : Promise.resolve([])),
    [editor],
  );
  if (!editor && !taker) return null;
  const candidates = (users.data ?? []).filter(
    (u) => u.active && u.roles.some((r) => r === 'FACT_CHECKER' || r === 'EDITOR'),
  );
  const assign = async (username: string) => {
    const c = await action.run(() => assignClaim(claim.id, claim.version, username));
    if (c) onChanged(c);
  };
  return (
    <section class="card" aria-labelledby="assignee-title">
      <h2 id="assignee-title">Assignee</h2>
      <p>{claim.assignee ? `Assigned to ${claim.assignee}` : 'Nobody is assigned.'}</p>
      {me && taker ? (
        <button type="button" disabled={action.busy} onClick={() => assign(me.username)}>
          Take this claim
        </button>
      ) : null}
      {editor ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const u = String(new FormData(e.currentTarget as HTMLFormElement).get('assignee') ?? '');
            if (u) assign(u);
          }}
        >
          <SelectField label="Assign to" name="assignee">
              <option value="">Choose a person…</option>
              {candidates.map((u) => (
                <option key={u.username} value={u.username} selected={u.username === claim.assignee}>
                  {u.displayName} ({u.username})
                </option>
              ))}
            </SelectField>
          <button type="submit" disabled={action.busy}>
            Assign
          </button>
        </form>
      ) : null}
      <ProblemMessage problem={users.problem} />
      <ProblemMessage problem={action.problem} />
    </section>
  );
}
