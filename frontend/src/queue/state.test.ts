// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ClaimView } from '../api/types';
import {
  DEFAULT_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  initialQueueState,
  queueReducer,
  tabCount,
  toQuery,
} from './state';

const claim = (id: number): ClaimView => ({
  id,
  statement: `Claim number ${id}`,
  tags: [],
  priority: 'NORMAL',
  status: 'SUBMITTED',
  submittedBy: 'contributor',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  allowedTransitions: [],
  allowedActions: [],
});

describe('queueReducer', () => {
  it('replaces the list when filters change and ignores stale responses', () => {
    let s = initialQueueState();
    s = queueReducer(s, { type: 'loaded', generation: 0, items: [claim(1)], nextCursor: 'c1', append: false });
    expect(s.items).toHaveLength(1);
    s = queueReducer(s, { type: 'filters', filters: { q: 'assange' } });
    expect(s.items).toEqual([]);
    expect(s.loading).toBe(true);
    expect(s.generation).toBe(1);
    // response for the old filters arrives late: ignored
    s = queueReducer(s, { type: 'loaded', generation: 0, items: [claim(9)], nextCursor: null, append: false });
    expect(s.items).toEqual([]);
    s = queueReducer(s, { type: 'loaded', generation: 1, items: [claim(2)], nextCursor: null, append: false });
    expect(s.items.map((c) => c.id)).toEqual([2]);
    expect(s.nextCursor).toBeNull();
  });

  it('appends the next page without duplicates', () => {
    let s = initialQueueState();
    s = queueReducer(s, { type: 'loaded', generation: 0, items: [claim(3), claim(2)], nextCursor: 'c', append: false });
    s = queueReducer(s, { type: 'loadMore' });
    expect(s.loading).toBe(true);
    s = queueReducer(s, { type: 'loaded', generation: 0, items: [claim(2), claim(1)], nextCursor: null, append: true });
    expect(s.items.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(queueReducer(s, { type: 'loadMore' })).toBe(s); // no cursor: nothing to load
  });

  it('keeps the problem of a failed load', () => {
    let s = initialQueueState();
    s = queueReducer(s, { type: 'failed', generation: 0, problem: { title: 'Bad cursor', status: 400 } });
    expect(s.problem?.title).toBe('Bad cursor');
    expect(s.loading).toBe(false);
  });

  it('moves the selection with j/k within bounds', () => {
    let s = initialQueueState();
    s = queueReducer(s, { type: 'loaded', generation: 0, items: [claim(1), claim(2), claim(3)], nextCursor: null, append: false });
    s = queueReducer(s, { type: 'move', delta: 1 });
    expect(s.selected).toBe(0);
    s = queueReducer(s, { type: 'move', delta: 1 });
    s = queueReducer(s, { type: 'move', delta: 1 });
    s = queueReducer(s, { type: 'move', delta: 1 });
    expect(s.selected).toBe(2);
    s = queueReducer(s, { type: 'move', delta: -5 });
    expect(s.selected).toBe(0);
    const fresh = queueReducer(
      { ...initialQueueState(), items: [claim(1), claim(2)], loading: false },
      { type: 'move', delta: -1 },
    );
    expect(fresh.selected).toBe(1); // k with nothing selected starts from the bottom
  });
});

describe('toQuery', () => {
  const checker = { username: 'checker', roles: ['FACT_CHECKER'] };
  const contributor = { username: 'contributor', roles: ['CONTRIBUTOR'] };
  it('maps filters to the list API', () => {
    expect(toQuery({ ...DEFAULT_FILTERS, q: ' assange ', tag: 'ecuador' }, checker, 'cur')).toEqual({
      limit: 25,
      status: 'SUBMITTED',
      q: 'assange',
      tag: 'ecuador',
      cursor: 'cur',
    });
    expect(toQuery({ ...DEFAULT_FILTERS, status: 'ALL' }, checker)).toEqual({ limit: 25 });
  });
  it('"mine" means assigned to me, or submitted by me for contributors', () => {
    expect(toQuery({ ...DEFAULT_FILTERS, mine: true }, checker).assignee).toBe('checker');
    expect(toQuery({ ...DEFAULT_FILTERS, mine: true }, contributor).submittedBy).toBe('contributor');
  });
});

describe('filters in the URL', () => {
  it('round-trips', () => {
    const f = { status: 'RESEARCHING' as const, q: 'moreno', assignee: 'checker', tag: 'un', mine: true };
    expect(filtersFromSearch(new URLSearchParams(filtersToSearch(f)))).toEqual(f);
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    expect(filtersFromSearch(new URLSearchParams('status=BOGUS')).status).toBe('SUBMITTED');
  });
  it('counts tabs', () => {
    expect(tabCount({ SUBMITTED: 2, RATED: 1 }, 'ALL')).toBe(3);
    expect(tabCount({ SUBMITTED: 2 }, 'RATED')).toBe(0);
    expect(tabCount(undefined, 'RATED')).toBeUndefined();
  });
});
