import type { Webhook } from '../api/webhooks';
import { formatDateTime } from '../ui/format';

/** Enabled or disabled; when the service disabled it, why (410 Gone, failing too long) stands out. */
export function WebhookState({ webhook: w }: { webhook: Webhook }) {
  return (
    <div class="webhook-state">
      {w.enabled ? (
        <span class="badge ok">
          <span aria-hidden="true">● </span>Enabled
        </span>
      ) : (
        <span class={w.disabledReason ? 'badge bad' : 'badge'}>
          <span aria-hidden="true">✕ </span>
          {w.disabledReason ? 'Disabled by Factdesk' : 'Disabled'}
        </span>
      )}
      {!w.enabled && w.disabledReason ? (
        <p class="hint error">
          {w.disabledReason}
          {w.disabledAt ? (
            <>
              {' '}
              (<time dateTime={w.disabledAt}>{formatDateTime(w.disabledAt)}</time>)
            </>
          ) : null}
          . Enable it again once the receiver works.
        </p>
      ) : null}
      {w.failingSince ? (
        <p class="hint warn">
          <span aria-hidden="true">⚠ </span>
          Every attempt has failed since <time dateTime={w.failingSince}>{formatDateTime(w.failingSince)}</time>
          {w.enabled ? '; it is disabled after 24 hours of failures.' : '.'}
        </p>
      ) : null}
    </div>
  );
}
