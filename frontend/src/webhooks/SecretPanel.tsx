import { useId, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../ui/format';

interface Props {
  secret: string;
  /** what the secret signs for, e.g. the endpoint's URL */
  url: string;
  /** after a rotation: until when the old secret still signs beside the new one */
  previousValidUntil?: string | null;
  /** a rotated secret rather than the first one */
  rotated?: boolean;
  onDismiss: () => void;
}

/** The signing secret, shown this once (the service never answers with it again), with a copy button. */
export function SecretPanel({ secret, url, previousValidUntil, rotated, onDismiss }: Props) {
  const titleId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      // no clipboard API (plain http, or refused): select the text so Ctrl+C copies it
      input.current?.focus();
      input.current?.select();
      const ok = typeof document.execCommand === 'function' && document.execCommand('copy');
      setCopied(ok ? 'Copied to the clipboard.' : 'Could not copy: the secret is selected, press Ctrl+C.');
    }
  };
  return (
    <section class="token secret-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{rotated ? 'Secret rotated: copy the new one' : 'Webhook created: copy its secret'}</h2>
      <p>
        <strong>Copy this secret now: you will not see it again.</strong> Receivers verify the{' '}
        <code>webhook-signature</code> of deliveries to <span class="url">{url}</span> with it.
      </p>
      {previousValidUntil ? (
        <p>
          The previous secret keeps signing beside it until{' '}
          <time dateTime={previousValidUntil}>{formatDateTime(previousValidUntil)}</time>: update the receiver before then.
        </p>
      ) : null}
      <label>
        Signing secret
        <input ref={input} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} spellcheck={false} />
      </label>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy secret
        </button>
        <button type="button" onClick={onDismiss}>
          I have stored the secret
        </button>
        <span role="status" class="hint">
          {copied ?? ''}
        </span>
      </div>
    </section>
  );
}
