import type { AuditEvent } from '../api/types';

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join(', ');
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
      if (ch && typeof ch === 'object' && ('before' in ch || 'after' in ch)) {
        const c = ch as { before?: unknown; after?: unknown };
        parts.push(`${field}: ${show(c.before)} → ${show(c.after)}`);
      } else parts.push(`${field}: ${show(ch)}`);
    }
  }
  for (const [k, v] of Object.entries(d)) {
    if (k === 'changes') continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && ('before' in v || 'after' in v)) {
      const c = v as { before?: unknown; after?: unknown };
      parts.push(`${k}: ${show(c.before)} → ${show(c.after)}`);
    } else if (v !== null && v !== undefined && ['from', 'to', 'reason', 'assignee', 'verdict', 'stance', 'fileName', 'url', 'status'].includes(k)) {
      parts.push(`${k}: ${show(v)}`);
    }
  }
  return parts.join('; ');
}
