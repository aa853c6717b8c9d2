import { useState } from 'preact/hooks';
import { AdminNav } from '../admin/AdminNav';
import type { Problem } from '../api/problem';
import {
  deleteWebhook,
  getWebhook,
  rotateWebhookSecret,
  updateWebhook,
  webhookEventTypes,
  type RotatedSecret,
  type VersionedWebhook,
  type WebhookChanges,
} from '../api/webhooks';
import { can, useSession } from '../auth/session';
import { Link, navigate } from '../router/router';
import { formatDateTime } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction, useAsync } from '../ui/useAsync';
import { Deliveries } from './Deliveries';
import { describeEvents } from './events';
import { SecretPanel } from './SecretPanel';
import { WebhookForm } from './WebhookForm';
import { WebhookState } from './WebhookState';

/** /admin/webhooks/{id}: one endpoint's settings, secret rotation, deletion and its delivery log. */
export function WebhookPage({ id }: { id: number }) {
  const me = useSession();
  if (!can.admin(me)) {
    return (
      <section>
        <h1>Webhook</h1>
        <p role="alert">Only administrators can manage webhooks.</p>
      </section>
    );
  }
  return <OneWebhook id={id} />;
}

/** A 412 says someone changed the endpoint since it was loaded: say so and offer the current state. */
function Stale({ problem, onReload }: { problem: Problem | null; onReload: () => void }) {
  if (problem?.status !== 412) return null;
  return (
    <div class="notice" role="alert">
      <p>Someone else changed this webhook since you opened it; nothing was saved.</p>
      <button type="button" onClick={onReload}>
        Load the current settings
      </button>
    </div>
  );
}

function OneWebhook({ id }: { id: number }) {
  const hook = useAsync(() => getWebhook(id), [id]);
  const types = useAsync(() => webhookEventTypes(), []);
  const save = useAction();
  const act = useAction();
  const [editing, setEditing] = useState(false);
  const [rotated, setRotated] = useState<RotatedSecret | null>(null);
  const current: VersionedWebhook | undefined = hook.data;
  const w = current?.webhook;

  const patch = async (changes: WebhookChanges, action = save) => {
    if (!current) return false;
    const r = await action.run(() => updateWebhook(id, current.etag, changes));
    if (!r) return false;
    hook.setData(r);
    return true;
  };
  const reload = () => {
    save.setProblem(null);
    act.setProblem(null);
    setEditing(false);
    hook.reload();
  };

  return (
    <section aria-labelledby="webhook-title">
      <p class="crumbs">
        <Link href="/admin/webhooks">Webhooks</Link> › #{id}
      </p>
      <h1 id="webhook-title">Webhook #{id}</h1>
      <AdminNav current="webhooks" />
      <ProblemMessage problem={hook.problem} />
      {hook.loading && !w ? <p role="status">Loading…</p> : null}
      {rotated ? (
        <SecretPanel
          rotated
          secret={rotated.secret}
          url={rotated.webhook.url}
          previousValidUntil={rotated.previousSecretValidUntil ?? null}
          onDismiss={() => setRotated(null)}
        />
      ) : null}
      {w && current ? (
        <>
          <section class="card" aria-labelledby={editing ? 'edit-webhook-title' : 'settings-title'}>
            {editing ? (
              <>
                <Stale problem={save.problem} onReload={reload} />
                <WebhookForm
                  key={current.etag}
                  idPrefix="edit-webhook"
                  title="Edit settings"
                  submitLabel="Save changes"
                  eventTypes={types.data ?? []}
                  initial={w}
                  busy={save.busy}
                  problem={save.problem?.status === 412 ? null : save.problem}
                  onCancel={() => {
                    save.setProblem(null);
                    setEditing(false);
                  }}
                  onSubmit={async (v) => {
                    const ok = await patch(v);
                    if (ok) setEditing(false);
                    return ok;
                  }}
                />
              </>
            ) : (
              <>
                <h2 id="settings-title">Settings</h2>
                <dl class="meta">
                  <dt>URL</dt>
                  <dd>{w.url}</dd>
                  <dt>State</dt>
                  <dd>
                    <WebhookState webhook={w} />
                  </dd>
                  <dt>Events</dt>
                  <dd>
                    <code>{describeEvents(w.events)}</code>
                  </dd>
                  <dt>Claim tags</dt>
                  <dd>{w.tags?.length ? w.tags.join(', ') : 'All claims'}</dd>
                  <dt>Description</dt>
                  <dd>{w.description || <span class="muted">None</span>}</dd>
                  <dt>Created</dt>
                  <dd>
                    {formatDateTime(w.createdAt)}
                    {w.createdBy ? ` by ${w.createdBy}` : ''}
                  </dd>
                  {w.previousSecretValidUntil ? (
                    <>
                      <dt>Previous secret</dt>
                      <dd>
                        Still signs until <time dateTime={w.previousSecretValidUntil}>{formatDateTime(w.previousSecretValidUntil)}</time>
                      </dd>
                    </>
                  ) : null}
                </dl>
                <Stale problem={act.problem} onReload={reload} />
                <ProblemMessage problem={act.problem?.status === 412 ? null : act.problem} />
                <div class="actions">
                  <button type="button" onClick={() => setEditing(true)}>
                    Edit settings
                  </button>
                  <button type="button" disabled={act.busy} onClick={() => patch({ enabled: !w.enabled }, act)}>
                    {w.enabled ? 'Disable' : 'Enable'}
                  </button>
                  <button
                    type="button"
                    disabled={act.busy}
                    onClick={async () => {
                      if (!confirm('Rotate the signing secret? The current one keeps signing beside the new one for 24 hours.')) return;
                      const r = await act.run(() => rotateWebhookSecret(id, current.etag));
                      if (r) {
                        setRotated(r);
                        hook.setData({ webhook: r.webhook, etag: r.etag });
                      }
                    }}
                  >
                    Rotate secret
                  </button>
                  <button
                    type="button"
                    disabled={act.busy}
                    onClick={async () => {
                      if (!confirm(`Delete the webhook to ${w.url}? Its delivery log goes with it.`)) return;
                      const ok = await act.run(() => deleteWebhook(id, current.etag).then(() => true));
                      if (ok) navigate('/admin/webhooks');
                    }}
                  >
                    Delete webhook
                  </button>
                </div>
              </>
            )}
          </section>
          <Deliveries webhookId={id} />
        </>
      ) : null}
    </section>
  );
}
