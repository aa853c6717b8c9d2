import type { AuditEvent } from '../api/types';

/** A change pair as events write it: {before, after} or {from, to}. */
function pair(v: unknown): { before: unknown; after: unknown } | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if ('before' in o || 'after' in o) return { before: o.before, after: o.after };
  if (('from' in o || 'to' in o) && Object.keys(o).every((k) => k === 'from' || k === 'to'))
    return { before: o.from, after: o.to };
  return null;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A one-line human summary of an event's data (before/after pairs, reasons, targets). */
export function summarizeEvent(ev: AuditEvent): string {
  const d = ev.data;
  if (!d || typeof d !== 'object') return '';
  const parts: string[] = [];
  const changes = (d as Record<string, unknown>).changes;
  if (changes && typeof changes === 'object') {
    for (const [field, ch] of Object.entries(changes as Record<string, unknown>)) {
      const c = pair(ch);
      if (c) parts.push(`${field}: ${show(c.before)} → ${show(c.after)}`);
      else parts.push(`${field}: ${show(ch)}`);
    }
  }
  for (const [k, v] of Object.entries(d)) {
    if (k === 'changes') continue;
    const c = pair(v);
    if (c) {
      parts.push(`${k}: ${show(c.before)} → ${show(c.after)}`);
    } else if (v !== null && v !== undefined && ['from', 'to', 'reason', 'assignee', 'verdict', 'stance', 'fileName', 'url', 'status'].includes(k)) {
      parts.push(`${k}: ${show(v)}`);
    }
  }
  return parts.join('; ');
}
