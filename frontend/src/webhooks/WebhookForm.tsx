import { useState } from 'preact/hooks';
import { fieldErrors, withoutFieldErrors, type Problem } from '../api/problem';
import type { Webhook } from '../api/webhooks';
import { parseTags } from '../submit/article';
import { ProblemMessage } from '../ui/Problem';
import { EventsPicker } from './EventsPicker';
import { subscriptions } from './events';

export interface WebhookValues {
  url: string;
  events: string[];
  tags: string[];
  description: string;
  enabled: boolean;
}

interface Props {
  /** for ids and the accessible name of the form */
  idPrefix: string;
  title: string;
  submitLabel: string;
  eventTypes: string[];
  initial?: Webhook;
  busy: boolean;
  problem: Problem | null;
  /** resolves true when saved (a new form is then emptied) */
  onSubmit: (values: WebhookValues) => Promise<boolean>;
  onCancel?: () => void;
}

const FIELDS = ['url', 'events', 'tags', 'description', 'enabled'];

/** The endpoint's settings, for creating one and for editing it; the server's field errors sit by their fields. */
export function WebhookForm({ idPrefix, title, submitLabel, eventTypes, initial, busy, problem, onSubmit, onCancel }: Props) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [selection, setSelection] = useState<Set<string>>(() => new Set(initial?.events ?? []));
  const [localProblem, setLocalProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(localProblem ?? problem);
  const id = (f: string) => `${idPrefix}-${f}`;
  const described = (f: string, hint?: boolean) =>
    [errors[f] ? id(`${f}-error`) : '', hint ? id(`${f}-hint`) : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: string) =>
    errors[f] ? (
      <p class="hint error" id={id(`${f}-error`)}>
        {errors[f].join('; ')}
      </p>
    ) : null;

  return (
    <form
      aria-labelledby={id('title')}
      onSubmit={async (e) => {
        e.preventDefault();
        const events = subscriptions(selection);
        if (events.length === 0) {
          setLocalProblem({
            title: 'Choose at least one event',
            status: 0,
            errors: [{ field: 'events', message: 'choose at least one event' }],
          });
          return;
        }
        setLocalProblem(null);
        const ok = await onSubmit({ url: url.trim(), events, tags: parseTags(tags), description: description.trim(), enabled });
        if (ok && !initial) {
          setUrl('');
          setDescription('');
          setTags('');
          setEnabled(true);
          setSelection(new Set());
        }
      }}
    >
      <h2 id={id('title')}>{title}</h2>
      <div class="grid2">
        <div>
          <label>
            Endpoint URL
            <input
              type="url"
              required
              placeholder="https://"
              value={url}
              aria-invalid={errors.url ? true : undefined}
              aria-describedby={described('url', true)}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          </label>
          <p class="hint" id={id('url-hint')}>
            https and a public address; Factdesk refuses private and internal addresses.
          </p>
          {fieldError('url')}
        </div>
        <div>
          <label>
            Description (optional)
            <input
              value={description}
              maxLength={500}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={described('description')}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </label>
          {fieldError('description')}
        </div>
        <div>
          <label>
            Only claims tagged (optional, comma separated)
            <input
              value={tags}
              autoComplete="off"
              aria-invalid={errors.tags ? true : undefined}
              aria-describedby={described('tags', true)}
              onInput={(e) => setTags(e.currentTarget.value)}
            />
          </label>
          <p class="hint" id={id('tags-hint')}>
            Empty: events of every claim.
          </p>
          {fieldError('tags')}
        </div>
        <div>
          <label class="inline">
            <input
              type="checkbox"
              checked={enabled}
              aria-describedby={described('enabled')}
              onChange={(e) => setEnabled(e.currentTarget.checked)}
            />{' '}
            Enabled (deliver events)
          </label>
          {fieldError('enabled')}
        </div>
      </div>
      <EventsPicker
        idPrefix={idPrefix}
        types={eventTypes}
        selection={selection}
        onChange={setSelection}
        errors={errors.events}
      />
      <ProblemMessage problem={localProblem ? null : withoutFieldErrors(problem, FIELDS)} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" class="link-button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
