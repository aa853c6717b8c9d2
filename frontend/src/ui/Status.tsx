import { statusLabel } from './format';

const ICONS: Record<string, string> = {
  SUBMITTED: '○',
  RESEARCHING: '◐',
  IN_REVIEW: '◑',
  RATED: '●',
  DISMISSED: '✕',
};

/** Status shown as text plus a symbol; colour is only an extra cue. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge status-${status.toLowerCase()}`}>
      <span aria-hidden="true">{ICONS[status] ?? '•'} </span>
      {statusLabel(status)}
    </span>
  );
}
