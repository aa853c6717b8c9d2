import type { ComponentChildren } from 'preact';
import { humanize } from '../ui/format';
import {
  ALL,
  coveredByWildcard,
  groupEventTypes,
  isSelected,
  toggle,
  unknownPatterns,
  type EventGroup,
} from './events';

interface Props {
  /** the dotted types from GET /webhooks/event-types */
  types: string[];
  selection: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** field errors for `events`, shown under the legend */
  errors?: string[];
  idPrefix: string;
  disabled?: boolean;
}

/** Checkboxes grouped by resource, with "every event of a resource" (resource.*) and "every event" (*). */
export function EventsPicker({ types, selection, onChange, errors, idPrefix, disabled }: Props) {
  const groups: EventGroup[] = groupEventTypes(types);
  const unknown = unknownPatterns(selection, groups);
  const all = selection.has(ALL);
  const errorId = `${idPrefix}-events-error`;
  const box = (pattern: string, label: ComponentChildren, opts: { locked?: boolean } = {}) => (
    <label class="inline" key={pattern}>
      <input
        type="checkbox"
        checked={isSelected(selection, pattern)}
        disabled={disabled || opts.locked}
        onChange={(e) => onChange(toggle(selection, pattern, e.currentTarget.checked))}
      />{' '}
      {label}
    </label>
  );
  return (
    <fieldset class="events-picker" aria-describedby={errors?.length ? errorId : undefined}>
      <legend>Events</legend>
      {errors?.length ? (
        <p class="hint error" id={errorId}>
          {errors.join('; ')}
        </p>
      ) : null}
      {box(ALL, <span>All events, also future ones (<code>*</code>)</span>)}
      {types.length === 0 ? <p class="hint">Loading the event types…</p> : null}
      <div class="event-groups">
        {groups.map((g) => (
          <fieldset key={g.resource} class="event-group">
            <legend>{humanize(g.resource)}</legend>
            {g.wildcard
              ? box(
                  g.wildcard,
                  <span>
                    All {humanize(g.resource).toLowerCase()} events (<code>{g.wildcard}</code>)
                  </span>,
                  { locked: all },
                )
              : null}
            {g.types.map((t) => box(t, <code>{t}</code>, { locked: coveredByWildcard(selection, t) }))}
          </fieldset>
        ))}
        {unknown.length ? (
          <fieldset class="event-group">
            <legend>Other subscriptions</legend>
            <p class="hint warn">The service does not list these any more; untick to remove them.</p>
            {unknown.map((p) => box(p, <code>{p}</code>, { locked: coveredByWildcard(selection, p) }))}
          </fieldset>
        ) : null}
      </div>
    </fieldset>
  );
}
