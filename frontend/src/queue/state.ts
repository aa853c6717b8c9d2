import type { ClaimQuery } from '../api/claims';
import type { Problem } from '../api/problem';
import type { ClaimStatus, ClaimView } from '../api/types';

export type StatusTab = ClaimStatus | 'ALL';

export interface QueueFilters {
  status: StatusTab;
  q: string;
  assignee: string;
  tag: string;
  mine: boolean;
}

export interface QueueState {
  filters: QueueFilters;
  items: ClaimView[];
  nextCursor: string | null;
  loading: boolean;
  problem: Problem | null;
  /** index of the keyboard-selected row, -1 when none */
  selected: number;
  /** bumps whenever the list is replaced, so stale responses can be ignored */
  generation: number;
}

export const DEFAULT_FILTERS: QueueFilters = { status: 'SUBMITTED', q: '', assignee: '', tag: '', mine: false };

export function initialQueueState(filters: QueueFilters = DEFAULT_FILTERS): QueueState {
  return { filters, items: [], nextCursor: null, loading: true, problem: null, selected: -1, generation: 0 };
}

export type QueueAction =
  | { type: 'filters'; filters: Partial<QueueFilters> }
  | { type: 'loadMore' }
  | { type: 'loaded'; generation: number; items: ClaimView[]; nextCursor: string | null | undefined; append: boolean }
  | { type: 'failed'; generation: number; problem: Problem }
  | { type: 'move'; delta: number }
  | { type: 'select'; index: number };

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'filters': {
      const filters = { ...state.filters, ...action.filters };
      return { ...state, filters, items: [], nextCursor: null, loading: true, problem: null, selected: -1, generation: state.generation + 1 };
    }
    case 'loadMore':
      return state.nextCursor ? { ...state, loading: true, problem: null } : state;
    case 'loaded': {
      if (action.generation !== state.generation) return state;
      const items = action.append ? dedupe([...state.items, ...action.items]) : action.items;
      return { ...state, items, nextCursor: action.nextCursor ?? null, loading: false, problem: null };
    }
    case 'failed':
      if (action.generation !== state.generation) return state;
      return { ...state, loading: false, problem: action.problem };
    case 'move': {
      if (state.items.length === 0) return state;
      const from = state.selected < 0 ? (action.delta > 0 ? -1 : state.items.length) : state.selected;
      const selected = Math.max(0, Math.min(state.items.length - 1, from + action.delta));
      return { ...state, selected };
    }
    case 'select':
      return { ...state, selected: Math.max(-1, Math.min(state.items.length - 1, action.index)) };
  }
}

function dedupe(items: ClaimView[]): ClaimView[] {
  const seen = new Set<number>();
  return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

/** The list query for the current filters; "mine" means assigned to me, or submitted by me for contributors. */
export function toQuery(
  f: QueueFilters,
  me: { username: string; roles: string[] } | null | undefined,
  cursor?: string | null,
  limit = 25,
): ClaimQuery {
  const q: ClaimQuery = { limit };
  if (f.status !== 'ALL') q.status = f.status;
  if (f.q.trim()) q.q = f.q.trim();
  if (f.tag.trim()) q.tag = f.tag.trim();
  if (f.assignee.trim()) q.assignee = f.assignee.trim();
  if (f.mine && me) {
    const researcher = me.roles.some((r) => r === 'FACT_CHECKER' || r === 'EDITOR');
    if (researcher) q.assignee = me.username;
    else q.submittedBy = me.username;
  }
  if (cursor) q.cursor = cursor;
  return q;
}

const TABS: StatusTab[] = ['SUBMITTED', 'RESEARCHING', 'IN_REVIEW', 'RATED', 'DISMISSED', 'ALL'];
export const STATUS_TABS = TABS;

/** Filters <-> URL query string, so a filtered queue can be bookmarked and survives reload. */
export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const status = search.get('status') as StatusTab | null;
  return {
    status: status && TABS.includes(status) ? status : DEFAULT_FILTERS.status,
    q: search.get('q') ?? '',
    assignee: search.get('assignee') ?? '',
    tag: search.get('tag') ?? '',
    mine: search.get('mine') === '1',
  };
}

export function filtersToSearch(f: QueueFilters): string {
  const p = new URLSearchParams();
  if (f.status !== DEFAULT_FILTERS.status) p.set('status', f.status);
  if (f.q) p.set('q', f.q);
  if (f.assignee) p.set('assignee', f.assignee);
  if (f.tag) p.set('tag', f.tag);
  if (f.mine) p.set('mine', '1');
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Count shown on a tab: the status count, or the sum for "All". */
export function tabCount(counts: Partial<Record<string, number>> | undefined, tab: StatusTab): number | undefined {
  if (!counts) return undefined;
  if (tab === 'ALL') return Object.values(counts).reduce<number>((a, b) => a + (b ?? 0), 0);
  return counts[tab] ?? 0;
}
