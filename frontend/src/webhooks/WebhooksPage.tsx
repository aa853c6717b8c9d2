import { useState } from 'preact/hooks';
import { AdminNav } from '../admin/AdminNav';
import { createWebhook, listWebhooks, webhookEventTypes, type CreatedWebhook } from '../api/webhooks';
import { can, useSession } from '../auth/session';
import { Link } from '../router/router';
import { formatDateTime } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { useAction, useAsync } from '../ui/useAsync';
import { describeEvents } from './events';
import { SecretPanel } from './SecretPanel';
import { WebhookForm } from './WebhookForm';
import { WebhookState } from './WebhookState';

/** /admin/webhooks: every endpoint, and a form for a new one whose secret is shown once. */
export function WebhooksPage() {
  const me = useSession();
  if (!can.admin(me)) {
    return (
      <section>
        <h1>Webhooks</h1>
        <p role="alert">Only administrators can manage webhooks.</p>
      </section>
    );
  }
  return <Webhooks />;
}

function Webhooks() {
  const hooks = useAsync(() => listWebhooks(), []);
  const types = useAsync(() => webhookEventTypes(), []);
  const create = useAction();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const items = hooks.data?.items ?? [];
  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <AdminNav current="webhooks" />
      <p class="muted">
        Factdesk sends signed events (Standard Webhooks 1.0) to these endpoints after they are committed, retries
        failed deliveries and keeps a log of each.
      </p>
      {created ? (
        <SecretPanel secret={created.secret} url={created.webhook.url} onDismiss={() => setCreated(null)} />
      ) : null}
      <section class="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        <ProblemMessage problem={hooks.problem} />
        {hooks.loading && !hooks.data ? <p role="status">Loading…</p> : null}
        {hooks.data && items.length === 0 ? <p>No webhooks yet.</p> : null}
        {items.length > 0 ? (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Webhook endpoints</caption>
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Events</th>
                  <th scope="col">Claim tags</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <Link href={`/admin/webhooks/${w.id}`}>
                        {w.url}
                      </Link>
                      {w.description ? <div class="hint">{w.description}</div> : null}
                    </td>
                    <td>
                      <code class="events">{describeEvents(w.events)}</code>
                    </td>
                    <td>{w.tags?.length ? w.tags.join(', ') : <span class="muted">All claims</span>}</td>
                    <td>
                      <WebhookState webhook={w} />
                    </td>
                    <td>
                      {formatDateTime(w.createdAt)}
                      {w.createdBy ? ` by ${w.createdBy}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section class="card" aria-labelledby="new-webhook-title">
        <ProblemMessage problem={types.problem} />
        <WebhookForm
          idPrefix="new-webhook"
          title="New webhook"
          submitLabel="Create webhook"
          eventTypes={types.data ?? []}
          busy={create.busy}
          problem={create.problem}
          onSubmit={async (v) => {
            const c = await create.run(() => createWebhook(v));
            if (!c) return false;
            setCreated(c);
            hooks.reload();
            return true;
          }}
        />
      </section>
    </section>
  );
}
