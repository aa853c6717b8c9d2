import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClaimView } from '../api/types';
import { ClaimDetails } from './ClaimDetails';

const claim: ClaimView = {
  id: 12,
  statement: 'Fairbanks also tweeted video of the protesters.',
  claimant: null,
  sourceUrl: 'https://example.org/a',
  claimedAt: null,
  tags: [],
  priority: 'NORMAL',
  status: 'RESEARCHING',
  assignee: 'checker',
  submittedBy: 'contributor',
  createdAt: '2026-11-28T04:41:00Z',
  updatedAt: '2026-11-28T04:41:00Z',
  version: 3,
  allowedTransitions: [],
  allowedActions: ['READ', 'EDIT'],
};
const me = { username: 'checker', displayName: 'Fran Checker', roles: ['FACT_CHECKER' as const] };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ClaimDetails', () => {
  it('shows what changed on a 412 and reapplies the edit on the latest version', async () => {
    const latest = { ...claim, version: 4, tags: ['assange'] };
    const saved = { ...latest, version: 5, claimant: 'Cassandra Fairbanks' };
    const requests: { method: string; ifMatch: string | null; body: string }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        requests.push({ method: req.method, ifMatch: req.headers.get('if-match'), body: await req.text() });
        const json = (status: number, body: unknown) =>
          new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
        if (req.method === 'GET') return json(200, latest);
        if (requests.filter((r) => r.method === 'PATCH').length === 1)
          return json(412, { title: 'Precondition Failed', status: 412, detail: 'stale' });
        return json(200, saved);
      }),
    );
    const onSaved = vi.fn();
    render(<ClaimDetails claim={claim} me={me} onSaved={onSaved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit details' }));
    fireEvent.input(screen.getByLabelText('Claimant'), { target: { value: 'Cassandra Fairbanks' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save changes' }).closest('form')!);

    await screen.findByRole('heading', { name: 'Someone else changed this claim' });
    expect(requests[0]).toEqual({ method: 'PATCH', ifMatch: '"3"', body: '{"claimant":"Cassandra Fairbanks"}' });
    const table = screen.getByRole('table', { name: 'What changed' });
    expect(table.textContent).toContain('assange'); // the other person's change
    expect(table.textContent).toContain('Cassandra Fairbanks'); // mine

    fireEvent.click(screen.getByRole('button', { name: 'Reapply my changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    const reapply = requests.filter((r) => r.method === 'PATCH')[1];
    expect(reapply).toEqual({ method: 'PATCH', ifMatch: '"4"', body: '{"claimant":"Cassandra Fairbanks"}' });
  });

  it('shows the problem in place when saving fails otherwise', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ title: 'Validation failed', status: 422, errors: [{ field: 'sourceUrl', message: 'must be http(s)' }] }),
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          ),
      ),
    );
    render(<ClaimDetails claim={claim} me={me} onSaved={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit details' }));
    fireEvent.input(screen.getByLabelText('Source URL'), { target: { value: 'ftp://x' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Save changes' }).closest('form')!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Validation failed');
    expect(alert.textContent).toContain('must be http(s)');
  });

  it('offers editing only when the server allows EDIT, whatever the role', () => {
    render(
      <ClaimDetails
        claim={{ ...claim, allowedActions: ['READ'] }}
        me={{ username: 'editor', displayName: 'E', roles: ['EDITOR'] }}
        onSaved={() => {}}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
  });
});
