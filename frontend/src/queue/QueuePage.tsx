import { useEffect, useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import { claimCounts, listClaims } from '../api/claims';
import { asProblem } from '../api/problem';
import type { ClaimCounts } from '../api/types';
import { listUsers } from '../api/users';
import { can, useSession } from '../auth/session';
import { Link, navigate } from '../router/router';
import { formatDateTime, humanize, statusLabel } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { StatusBadge } from '../ui/Status';
import { useAsync } from '../ui/useAsync';
import {
  filtersFromSearch,
  filtersToSearch,
  initialQueueState,
  queueReducer,
  STATUS_TABS,
  tabCount,
  toQuery,
  type QueueFilters,
} from './state';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function QueuePage() {
  const me = useSession();
  const [state, dispatch] = useReducer(queueReducer, undefined, () =>
    initialQueueState(filtersFromSearch(new URLSearchParams(location.search))),
  );
  const counts = useAsync<ClaimCounts>(() => claimCounts(), []);
  const users = useAsync(() => (can.listUsers(me) ? listUsers().then((r) => r.items) : Promise.resolve([])), [me?.username]);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const { filters } = state;
  const stateRef = useRef(state);
  stateRef.current = state;

  // (re)load the first page whenever the filters change
  useEffect(() => {
    const gen = state.generation;
    history.replaceState(null, '', `/${filtersToSearch(filters)}`);
    listClaims(toQuery(filters, me)).then(
      (page) => dispatch({ type: 'loaded', generation: gen, items: page.items, nextCursor: page.nextCursor, append: false }),
      (e) => dispatch({ type: 'failed', generation: gen, problem: asProblem(e) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.generation, me?.username]);

  const loadMore = () => {
    if (!state.nextCursor || state.loading) return;
    const gen = state.generation;
    dispatch({ type: 'loadMore' });
    listClaims(toQuery(filters, me, state.nextCursor)).then(
      (page) => dispatch({ type: 'loaded', generation: gen, items: page.items, nextCursor: page.nextCursor, append: true }),
      (e) => dispatch({ type: 'failed', generation: gen, problem: asProblem(e) }),
    );
  };

  // keyboard: j/k move, Enter opens, "/" focuses search
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/' && !isTyping(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === 'j') dispatch({ type: 'move', delta: 1 });
      else if (e.key === 'k') dispatch({ type: 'move', delta: -1 });
      else if (e.key === 'Enter') {
        // links and buttons handle Enter themselves; elsewhere Enter opens the selected claim
        const tag = (e.target as HTMLElement | null)?.tagName;
        const { items, selected } = stateRef.current;
        if (tag !== 'A' && tag !== 'BUTTON' && selected >= 0 && items[selected]) {
          e.preventDefault();
          navigate(`/claims/${items[selected].id}`);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // keep focus on the selected row so Enter opens it and the focus ring shows where we are
  useLayoutEffect(() => {
    if (state.selected < 0) return;
    const link = listRef.current?.querySelectorAll<HTMLAnchorElement>('a.claim-link')[state.selected];
    link?.focus();
  }, [state.selected]);

  const setFilters = (f: Partial<QueueFilters>) => dispatch({ type: 'filters', filters: f });

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Claims queue</h1>
      <div role="group" aria-label="Status" class="tabs">
        {STATUS_TABS.map((tab) => {
          const n = tabCount(counts.data, tab);
          return (
            <button
              type="button"
              key={tab}
              aria-pressed={filters.status === tab}
              class={filters.status === tab ? 'tab active' : 'tab'}
              onClick={() => setFilters({ status: tab })}
            >
              {tab === 'ALL' ? 'All' : statusLabel(tab)}
              {n !== undefined ? <span class="count"> ({n})</span> : null}
            </button>
          );
        })}
      </div>
      <ProblemMessage problem={counts.problem} />
      <ProblemMessage problem={users.problem} />

      <form
        class="filters"
        role="search"
        aria-label="Filter claims"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget as HTMLFormElement);
          setFilters({
            q: String(fd.get('q') ?? ''),
            assignee: String(fd.get('assignee') ?? ''),
            tag: String(fd.get('tag') ?? ''),
          });
        }}
      >
        <label>
          Search claims <kbd aria-hidden="true">/</kbd>
          <input ref={searchRef} type="search" name="q" defaultValue={filters.q} placeholder="Words in the claim" />
        </label>
        <label>
          Assignee
          <input name="assignee" list="queue-users" defaultValue={filters.assignee} autoComplete="off" />
        </label>
        <datalist id="queue-users">
          {(users.data ?? []).map((u) => (
            <option key={u.username} value={u.username}>
              {u.displayName}
            </option>
          ))}
        </datalist>
        <label>
          Tag
          <input name="tag" defaultValue={filters.tag} autoComplete="off" />
        </label>
        <label class="inline">
          <input type="checkbox" checked={filters.mine} onChange={(e) => setFilters({ mine: e.currentTarget.checked })} />
          Mine only
        </label>
        <button type="submit">Apply filters</button>
      </form>
      <p class="hint">Keys: j / k to move, Enter to open, / to search.</p>

      <ProblemMessage problem={state.problem} />
      <ol class="claim-list" ref={listRef} aria-label="Claims" aria-busy={state.loading}>
        {state.items.map((c, i) => (
          <li key={c.id} class={i === state.selected ? 'claim-row selected' : 'claim-row'}>
            <div class="claim-row-main">
              <Link
                class="claim-link"
                href={`/claims/${c.id}`}
                onFocus={() => i !== state.selected && dispatch({ type: 'select', index: i })}
              >
                {c.statement}
              </Link>
            </div>
            <div class="claim-row-meta">
              <StatusBadge status={c.status} />
              <span class={`priority priority-${c.priority.toLowerCase()}`}>Priority: {humanize(c.priority)}</span>
              <span>#{c.id}</span>
              <span>Assignee: {c.assignee ?? 'none'}</span>
              {c.tags.length > 0 ? <span>Tags: {c.tags.join(', ')}</span> : null}
              <span>
                Submitted <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </span>
            </div>
          </li>
        ))}
      </ol>
      {!state.loading && state.items.length === 0 && !state.problem ? <p>No claims match.</p> : null}
      {state.loading ? <p role="status">Loading…</p> : null}
      {state.nextCursor ? (
        <button type="button" onClick={loadMore} disabled={state.loading}>
          More claims
        </button>
      ) : null}
    </section>
  );
}
