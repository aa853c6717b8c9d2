import { useEffect, useState } from 'preact/hooks';
import { similarClaims, submitClaim } from '../api/claims';
import { asProblem, type Problem } from '../api/problem';
import { PRIORITIES, type ClaimView, type SimilarClaim } from '../api/types';
import { Link } from '../router/router';
import { humanize } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction } from '../ui/useAsync';
import { claimFromForm, claimsFromSentences, parseTags } from './article';
import { isClaimable, splitSentences } from './sentences';
import { SelectField } from '../ui/SelectField';
import { SimilarList } from '../matching/SimilarList';

export function SubmitPage() {
  return (
    <section aria-labelledby="submit-title">
      <h1 id="submit-title">Submit claims</h1>
      <SingleClaimForm />
      <ArticlePicker />
    </section>
  );
}

/**
 * Claims that may already be checked, looked up while the statement is typed. Waits for a pause so that typing sends
 * one request, not one per key; a caller who may not search (a contributor) or a failed lookup simply shows nothing,
 * since the hint must never stand in the way of submitting.
 */
function useSimilarWhileTyping(statement: string): SimilarClaim[] {
  const [items, setItems] = useState<SimilarClaim[]>([]);
  useEffect(() => {
    const text = statement.trim();
    if (text.length < 10) {
      setItems([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      similarClaims(text)
        .then((r) => current && setItems(r.items))
        .catch(() => current && setItems([]));
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [statement]);
  return items;
}

function PossiblyChecked({ items }: { items: SimilarClaim[] }) {
  if (items.length === 0) return null;
  return (
    <div class="similar" role="status" aria-live="polite">
      <p>Possibly already checked:</p>
      <SimilarList items={items} />
    </div>
  );
}

function SingleClaimForm() {
  const action = useAction();
  const [created, setCreated] = useState<ClaimView | null>(null);
  const [statement, setStatement] = useState('');
  const similar = useSimilarWhileTyping(statement);
  return (
    <form
      class="card"
      aria-labelledby="single-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget as HTMLFormElement;
        const claim = await action.run(() => submitClaim(claimFromForm(new FormData(form))));
        if (claim) {
          setCreated(claim);
          form.reset();
          setStatement('');
        }
      }}
    >
      <h2 id="single-title">One claim</h2>
      <label>
        Statement
        <textarea
          name="statement"
          required
          minLength={10}
          maxLength={2000}
          rows={3}
          value={statement}
          onInput={(e) => setStatement(e.currentTarget.value)}
        />
      </label>
      <PossiblyChecked items={similar} />
      <div class="grid2">
        <label>
          Claimant
          <input name="claimant" autoComplete="off" />
        </label>
        <label>
          Source URL
          <input name="sourceUrl" type="url" placeholder="https://" />
        </label>
        <label>
          Date claimed
          <input name="claimedAt" type="date" />
        </label>
        <label>
          Tags (comma separated)
          <input name="tags" autoComplete="off" />
        </label>
        <SelectField label="Priority" name="priority">
            {PRIORITIES.map((p) => (
              <option key={p} value={p} selected={p === 'NORMAL'}>
                {humanize(p)}
              </option>
            ))}
          </SelectField>
      </div>
      <ProblemMessage problem={action.problem} />
      <button type="submit" disabled={action.busy}>
        Submit claim
      </button>
      {created ? (
        <p role="status">
          Submitted <Link href={`/claims/${created.id}`}>claim #{created.id}</Link>.
        </p>
      ) : null}
    </form>
  );
}

interface Outcome {
  sentence: string;
  claim?: ClaimView;
  problem?: Problem;
}

function ArticlePicker() {
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [claimant, setClaimant] = useState('');
  const [tags, setTags] = useState('');
  const [sentences, setSentences] = useState<string[] | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const toggle = (i: number, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(i);
    else next.delete(i);
    setPicked(next);
  };

  const submitPicked = async () => {
    if (!sentences) return;
    setBusy(true);
    const inputs = claimsFromSentences(sentences, picked, { url, claimant, tags: parseTags(tags) });
    const results: Outcome[] = [];
    for (const input of inputs) {
      try {
        results.push({ sentence: input.statement ?? '', claim: await submitClaim(input) });
      } catch (e) {
        results.push({ sentence: input.statement ?? '', problem: asProblem(e) });
      }
      setOutcomes([...results]);
    }
    setBusy(false);
    setPicked(new Set());
  };

  return (
    <div class="card" role="region" aria-labelledby="article-title">
      <h2 id="article-title">Claims from an article</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSentences(splitSentences(text));
          setPicked(new Set());
          setOutcomes([]);
        }}
      >
        <label>
          Article URL
          <input type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://" required />
        </label>
        <label>
          Article text
          <textarea rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} required />
        </label>
        <div class="grid2">
          <label>
            Claimant (optional)
            <input value={claimant} onInput={(e) => setClaimant(e.currentTarget.value)} />
          </label>
          <label>
            Tags for these claims (comma separated)
            <input value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
          </label>
        </div>
        <button type="submit">Split into sentences</button>
      </form>

      {sentences ? (
        <fieldset class="sentences">
          <legend>
            Pick sentences to submit ({picked.size} of {sentences.length} picked)
          </legend>
          {sentences.length === 0 ? <p>No sentences found.</p> : null}
          <ol>
            {sentences.map((s, i) => (
              <li key={i}>
                <label class="inline">
                  <input
                    type="checkbox"
                    checked={picked.has(i)}
                    disabled={!isClaimable(s)}
                    onChange={(e) => toggle(i, e.currentTarget.checked)}
                  />
                  <span>{s}</span>
                </label>
              </li>
            ))}
          </ol>
          <button type="button" disabled={busy || picked.size === 0} onClick={submitPicked}>
            Submit {picked.size} selected {picked.size === 1 ? 'claim' : 'claims'}
          </button>
        </fieldset>
      ) : null}

      {outcomes.length > 0 ? (
        <div role="status" aria-live="polite">
          <h3>Submitted from the article</h3>
          <ul>
            {outcomes.map((o, i) => (
              <li key={i}>
                {o.claim ? (
                  <>
                    <span aria-hidden="true">✓ </span>
                    <Link href={`/claims/${o.claim.id}`}>Claim #{o.claim.id}</Link>: {o.sentence}
                  </>
                ) : (
                  <>
                    <span aria-hidden="true">✗ </span>Not submitted: {o.sentence}
                    <ProblemMessage problem={o.problem} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
