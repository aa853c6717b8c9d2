import { claimHistory, verifyClaimHistory } from '../api/claims';
import { formatDateTime, humanize, shortHash } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAsync } from '../ui/useAsync';
import { summarizeEvent } from './history';

/** The claim's audit trail with the result of the hash-chain verification. */
export function HistoryTimeline({ claimId, refreshKey }: { claimId: number; refreshKey: string }) {
  const history = useAsync(() => claimHistory(claimId), [claimId, refreshKey]);
  const verify = useAsync(() => verifyClaimHistory(claimId), [claimId, refreshKey]);
  const v = verify.data;
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {v ? (
        v.valid ? (
          <p class="badge ok" role="status">
            <span aria-hidden="true">✓ </span>Chain verified{v.events !== undefined ? ` (${v.events} ${v.events === 1 ? 'event' : 'events'})` : ''}
          </p>
        ) : (
          <p class="badge bad" role="alert">
            <span aria-hidden="true">✗ </span>Chain broken
            {v.firstBrokenSeq !== null && v.firstBrokenSeq !== undefined ? ` at event #${v.firstBrokenSeq}` : ''}
          </p>
        )
      ) : null}
      <ProblemMessage problem={verify.problem} />
      <ProblemMessage problem={history.problem} />
      <ol class="timeline" aria-label="History events">
        {(history.data?.items ?? []).map((ev) => (
          <li key={ev.seq}>
            <div>
              <strong>{humanize(ev.type)}</strong> by {ev.actor}
            </div>
            <div class="muted">
              <time dateTime={ev.occurredAt}>{formatDateTime(ev.occurredAt)}</time> · #{ev.seq} ·{' '}
              <span title={ev.hash}>hash {shortHash(ev.hash)}</span>
            </div>
            {summarizeEvent(ev) ? <div class="event-data">{summarizeEvent(ev)}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
