/**
 * The events picker's logic, kept pure. A subscription is a dotted type ("claim.submitted"), every type of a
 * resource ("claim.*") or everything ("*"). The picker keeps every box the user ticked in a selection; what is
 * sent leaves out what a wildcard already covers, so unticking "*" or "claim.*" gives back the earlier choice.
 */
export const ALL = '*';

export interface EventGroup {
  /** "claim", "api_key" ...: the part before the first dot */
  resource: string;
  /** "claim.*", or null for types without a resource part (no wildcard can name them) */
  wildcard: string | null;
  types: string[];
}

export function resourceOf(type: string): string | null {
  const dot = type.indexOf('.');
  return dot > 0 ? type.slice(0, dot) : null;
}

export function wildcardOf(resource: string): string {
  return `${resource}.*`;
}

function isWildcard(pattern: string): boolean {
  return pattern === ALL || pattern.endsWith('.*');
}

/** Event types grouped by resource, resources and types sorted; types without a resource come last as "other". */
export function groupEventTypes(types: string[]): EventGroup[] {
  const byResource = new Map<string, Set<string>>();
  const other = new Set<string>();
  for (const t of types) {
    if (!t || isWildcard(t)) continue;
    const r = resourceOf(t);
    if (r === null) other.add(t);
    else {
      if (!byResource.has(r)) byResource.set(r, new Set());
      byResource.get(r)!.add(t);
    }
  }
  const groups: EventGroup[] = [...byResource.keys()]
    .sort()
    .map((r) => ({ resource: r, wildcard: wildcardOf(r), types: [...byResource.get(r)!].sort() }));
  if (other.size) groups.push({ resource: 'other', wildcard: null, types: [...other].sort() });
  return groups;
}

/** Whether a wildcard in the selection covers this type (its own box then shows ticked and cannot be changed). */
export function coveredByWildcard(selection: ReadonlySet<string>, type: string): boolean {
  if (selection.has(ALL)) return true;
  const r = resourceOf(type);
  return r !== null && type !== wildcardOf(r) && selection.has(wildcardOf(r));
}

/** Whether events of this type would be delivered with this selection. */
export function isSelected(selection: ReadonlySet<string>, pattern: string): boolean {
  if (pattern === ALL) return selection.has(ALL);
  return selection.has(pattern) || coveredByWildcard(selection, pattern);
}

/** The selection with one box ticked or unticked. */
export function toggle(selection: ReadonlySet<string>, pattern: string, on: boolean): Set<string> {
  const next = new Set(selection);
  if (on) next.add(pattern);
  else next.delete(pattern);
  return next;
}

/**
 * What to send as `events`: "*" alone if ticked; otherwise the resource wildcards and then the single types no
 * wildcard covers, in a stable order. Unknown patterns (an endpoint subscribed to a type that no longer
 * exists) are kept, so saving does not silently drop them.
 */
export function subscriptions(selection: ReadonlySet<string>): string[] {
  if (selection.has(ALL)) return [ALL];
  const wildcards = [...selection].filter((p) => p.endsWith('.*')).sort();
  const singles = [...selection].filter((p) => !isWildcard(p) && !coveredByWildcard(selection, p)).sort();
  return [...wildcards, ...singles];
}

/** Patterns in the selection the picker has no box for (types or resources the service no longer lists). */
export function unknownPatterns(selection: ReadonlySet<string>, groups: EventGroup[]): string[] {
  const known = new Set<string>([ALL]);
  for (const g of groups) {
    if (g.wildcard) known.add(g.wildcard);
    for (const t of g.types) known.add(t);
  }
  return [...selection].filter((p) => !known.has(p)).sort();
}

/** A short text for a list of subscriptions, e.g. in the endpoints table. */
export function describeEvents(events: string[] | undefined): string {
  const list = events ?? [];
  if (list.includes(ALL)) return 'All events (*)';
  return list.length ? list.join(', ') : 'None';
}
