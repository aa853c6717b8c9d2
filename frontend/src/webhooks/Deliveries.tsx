import { useEffect, useRef, useState } from 'preact/hooks';
import { asProblem, type Problem } from '../api/problem';
import {
  DELIVERY_STATUSES,
  getDelivery,
  listDeliveries,
  redeliver,
  replay,
  type DeliveryStatus,
  type Requeued,
  type WebhookDelivery,
} from '../api/webhooks';
import { Link } from '../router/router';
import { formatDateTime, humanize } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { SelectField } from '../ui/SelectField';
import { useAction, useAsync } from '../ui/useAsync';

const PAGE = 50;

/** Shortens a receiver's answer or an error for the table; the detail shows it whole. */
export function truncate(text: string | null | undefined, max = 80): string {
  if (!text) return '';
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus | string }) {
  const cls = status === 'SUCCEEDED' ? 'badge ok' : status === 'FAILED' ? 'badge bad' : 'badge';
  const icon = status === 'SUCCEEDED' ? '✓' : status === 'FAILED' ? '✕' : '…';
  return (
    <span class={cls}>
      <span aria-hidden="true">{icon} </span>
      {humanize(status)}
    </span>
  );
}

/** The delivery log of one endpoint: filter, pages, one delivery's attempts, redelivery and replay. */
export function Deliveries({ webhookId }: { webhookId: number }) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [items, setItems] = useState<WebhookDelivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const seq = useRef(0);

  const load = async (more: boolean) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await listDeliveries(webhookId, { status, cursor: more ? cursor : null, limit: PAGE });
      if (mine !== seq.current) return;
      setItems((prev) => (more ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor ?? null);
      setProblem(null);
    } catch (e) {
      if (mine === seq.current) setProblem(asProblem(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };
  useEffect(() => {
    void load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [webhookId, status, tick]);

  const act = useAction();
  const again = async (d: WebhookDelivery) => {
    const r = await act.run(() => redeliver(webhookId, d.id));
    if (r) {
      setNotice(`Delivery ${d.messageId ?? d.id} is queued again and will be sent shortly (same webhook-id).`);
      setTick((t) => t + 1);
    }
  };

  return (
    <section class="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries</h2>
      <div class="filters">
        <SelectField
          label="Delivery status"
          value={status}
          onChange={(e) => {
            setSelected(null);
            setStatus(e.currentTarget.value as DeliveryStatus | '');
          }}
        >
          <option value="">All</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="button" onClick={() => setTick((t) => t + 1)} disabled={loading}>
            Refresh
          </button>
        </div>
      </div>
      <ProblemMessage problem={problem} />
      <ProblemMessage problem={act.problem} />
      <p role="status" class="hint">
        {notice}
      </p>
      {!loading && items.length === 0 && !problem ? <p>No deliveries{status ? ` with status ${humanize(status)}` : ''} yet.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="deliveries">
            <caption class="sr-only">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Message id</th>
                <th scope="col">Event</th>
                <th scope="col">Claim</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last code</th>
                <th scope="col">Duration</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Last error or response</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} class={selected === d.id ? 'selected' : undefined}>
                  <td>
                    <code>{d.messageId}</code>
                  </td>
                  <td>
                    <code>{d.eventType}</code>
                    {d.eventSeq !== undefined ? <div class="hint">seq {d.eventSeq}</div> : null}
                  </td>
                  <td>{d.claimId ? <Link href={`/claims/${d.claimId}`}>#{d.claimId}</Link> : ''}</td>
                  <td>
                    <DeliveryStatusBadge status={d.status} />
                  </td>
                  <td>{d.attempts ?? 0}</td>
                  <td>{d.lastStatus ?? ''}</td>
                  <td>{duration(d.lastDurationMs)}</td>
                  <td>{d.nextAttemptAt ? <time dateTime={d.nextAttemptAt}>{formatDateTime(d.nextAttemptAt)}</time> : ''}</td>
                  <td class={d.lastError ? 'error-text' : undefined}>{truncate(d.lastError ?? d.lastResponse)}</td>
                  <td>
                    <div class="actions">
                      <button
                        type="button"
                        class="link-button"
                        aria-label={`Attempts of ${d.messageId ?? d.id}`}
                        aria-expanded={selected === d.id}
                        onClick={() => setSelected(selected === d.id ? null : d.id)}
                      >
                        Attempts
                      </button>
                      <button
                        type="button"
                        class="link-button"
                        aria-label={`Redeliver ${d.messageId ?? d.id}`}
                        disabled={act.busy}
                        onClick={() => again(d)}
                      >
                        Redeliver
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {loading ? <p role="status">Loading deliveries…</p> : null}
      {cursor && !loading ? (
        <button type="button" onClick={() => load(true)}>
          Load more deliveries
        </button>
      ) : null}
      {selected !== null ? (
        <DeliveryDetail
          key={`${selected}-${tick}`}
          webhookId={webhookId}
          deliveryId={selected}
          busy={act.busy}
          onRedeliver={again}
          onClose={() => setSelected(null)}
        />
      ) : null}
      <ReplayForm webhookId={webhookId} onQueued={() => setTick((t) => t + 1)} />
    </section>
  );
}

function DeliveryDetail(props: {
  webhookId: number;
  deliveryId: number;
  busy: boolean;
  onRedeliver: (d: WebhookDelivery) => void;
  onClose: () => void;
}) {
  const d = useAsync(() => getDelivery(props.webhookId, props.deliveryId), [props.webhookId, props.deliveryId]);
  const v = d.data;
  return (
    <section class="delivery-detail" aria-labelledby="delivery-detail-title">
      <h3 id="delivery-detail-title">Delivery {v?.messageId ?? `#${props.deliveryId}`}</h3>
      <ProblemMessage problem={d.problem} />
      {d.loading && !v ? <p role="status">Loading…</p> : null}
      {v ? (
        <>
          <dl class="meta">
            <dt>Event</dt>
            <dd>
              <code>{v.eventType}</code> (audit seq {v.eventSeq})
            </dd>
            <dt>Status</dt>
            <dd>
              <DeliveryStatusBadge status={v.status} />
            </dd>
            <dt>Created</dt>
            <dd>{formatDateTime(v.createdAt)}</dd>
            {v.completedAt ? (
              <>
                <dt>Completed</dt>
                <dd>{formatDateTime(v.completedAt)}</dd>
              </>
            ) : null}
            {v.nextAttemptAt ? (
              <>
                <dt>Next attempt</dt>
                <dd>{formatDateTime(v.nextAttemptAt)}</dd>
              </>
            ) : null}
          </dl>
          <div class="table-wrap">
            <table>
              <caption>Attempt log</caption>
              <thead>
                <tr>
                  <th scope="col">Attempted</th>
                  <th scope="col">Status code</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Response or error</th>
                </tr>
              </thead>
              <tbody>
                {(v.attemptLog ?? []).map((a, i) => (
                  <tr key={i}>
                    <td>{formatDateTime(a.attemptedAt)}</td>
                    <td>{a.status ?? '—'}</td>
                    <td>{duration(a.durationMs)}</td>
                    <td>
                      {a.error ? <p class="hint error">{a.error}</p> : null}
                      {a.response ? <pre class="response">{a.response}</pre> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(v.attemptLog ?? []).length === 0 ? <p class="muted">No attempt yet.</p> : null}
          <div class="actions">
            <button type="button" disabled={props.busy} onClick={() => props.onRedeliver(v)}>
              Redeliver now
            </button>
            <button type="button" class="link-button" onClick={props.onClose}>
              Close
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function ReplayForm({ webhookId, onQueued }: { webhookId: number; onQueued: () => void }) {
  const [fromSeq, setFromSeq] = useState('');
  const [result, setResult] = useState<Requeued | null>(null);
  const act = useAction();
  return (
    <form
      class="replay"
      aria-labelledby="replay-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const n = Number(fromSeq);
        if (!Number.isInteger(n) || n < 0) {
          act.setProblem({ title: 'Invalid input', status: 0, errors: [{ field: 'fromSeq', message: 'must be a whole number, 0 or more' }] });
          return;
        }
        const r = await act.run(() => replay(webhookId, n));
        if (r) {
          setResult(r);
          if (r.continueFromSeq !== undefined && r.continueFromSeq !== null) setFromSeq(String(r.continueFromSeq));
          onQueued();
        }
      }}
    >
      <h3 id="replay-title">Replay from a point of the feed</h3>
      <p class="hint" id="replay-hint">
        Queues every subscribed event from this audit seq on again (at most 10,000 per request).
      </p>
      <div class="filters">
        <label>
          Replay from seq
          <input
            type="number"
            min={0}
            step={1}
            required
            value={fromSeq}
            aria-describedby="replay-hint"
            onInput={(e) => setFromSeq(e.currentTarget.value)}
          />
        </label>
        <div>
          <button type="submit" disabled={act.busy}>
            Replay
          </button>
        </div>
      </div>
      <ProblemMessage problem={act.problem} />
      <p role="status" class="hint">
        {result
          ? `Queued ${result.deliveries ?? 0} deliveries.` +
            (result.continueFromSeq !== undefined && result.continueFromSeq !== null
              ? ` The limit was reached: replay again from seq ${result.continueFromSeq} for the rest.`
              : '')
          : ''}
      </p>
    </form>
  );
}
