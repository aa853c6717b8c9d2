import type { ClaimInput, ClaimView } from '../api/types';

/** The editable metadata fields, in display order. */
export const EDITABLE_FIELDS = ['statement', 'claimant', 'sourceUrl', 'claimedAt', 'tags', 'priority'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const FIELD_LABELS: Record<EditableField, string> = {
  statement: 'Statement',
  claimant: 'Claimant',
  sourceUrl: 'Source URL',
  claimedAt: 'Date claimed',
  tags: 'Tags',
  priority: 'Priority',
};

function norm(field: EditableField, v: unknown): string {
  if (field === 'tags') return (Array.isArray(v) ? v : []).join(', ');
  if (v === null || v === undefined) return '';
  return String(v);
}

export function fieldText(claim: ClaimView | ClaimInput, field: EditableField): string {
  return norm(field, (claim as Record<string, unknown>)[field]);
}

/** The fields the user changed relative to the version they started from (for PATCH). */
export function changedFields(base: ClaimView, edited: ClaimInput): ClaimInput {
  const out: Record<string, unknown> = {};
  for (const f of EDITABLE_FIELDS) {
    if (!(f in edited)) continue;
    if (norm(f, (edited as Record<string, unknown>)[f]) !== norm(f, (base as unknown as Record<string, unknown>)[f])) {
      const v = (edited as Record<string, unknown>)[f];
      out[f] = typeof v === 'string' && v.trim() === '' && f !== 'statement' ? null : v;
    }
  }
  return out as ClaimInput;
}

export interface ConflictRow {
  field: EditableField;
  label: string;
  before: string;
  server: string;
  mine: string | null;
  /** someone else changed a field that the user also changed */
  clash: boolean;
}

/**
 * What changed on the server between the version the user edited (base) and the latest one, next to the
 * user's own changes. Rows: fields changed by either side.
 */
export function describeConflict(base: ClaimView, latest: ClaimView, mine: ClaimInput): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const f of EDITABLE_FIELDS) {
    const before = fieldText(base, f);
    const server = fieldText(latest, f);
    const touched = f in mine;
    const myText = touched ? norm(f, (mine as Record<string, unknown>)[f]) : null;
    const serverChanged = before !== server;
    if (!serverChanged && !touched) continue;
    rows.push({
      field: f,
      label: FIELD_LABELS[f],
      before,
      server,
      mine: myText,
      clash: serverChanged && touched && myText !== server,
    });
  }
  return rows;
}

/** Status/assignee changes also show up in a 412 comparison. */
export function otherChanges(base: ClaimView, latest: ClaimView): string[] {
  const out: string[] = [];
  if (base.status !== latest.status) out.push(`Status: ${base.status} → ${latest.status}`);
  if ((base.assignee ?? '') !== (latest.assignee ?? ''))
    out.push(`Assignee: ${base.assignee ?? 'none'} → ${latest.assignee ?? 'none'}`);
  return out;
}
