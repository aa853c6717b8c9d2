import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClaimView } from '../api/types';
import { AlreadyRatedBanner } from './AlreadyRatedBanner';
import { SimilarPanel } from './SimilarPanel';
import { useSimilar } from './useSimilar';

const claim: ClaimView = {
  id: 12,
  statement: 'Quito will not expel Assange from its London embassy.',
  claimant: null,
  sourceUrl: null,
  claimedAt: null,
  tags: [],
  priority: 'NORMAL',
  status: 'SUBMITTED',
  assignee: null,
  submittedBy: 'contributor',
  createdAt: '2026-12-03T10:00:00Z',
  updatedAt: '2026-12-03T10:00:00Z',
  version: 0,
  allowedTransitions: [],
  allowedActions: ['READ'],
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The claim page's use of the panel: one live lookup feeding the banner and the list. */
function Harness({ claim: c, onChanged = () => {} }: { claim: ClaimView; onChanged?: (c: ClaimView) => void }) {
  const items = useSimilar(c);
  return (
    <div>
      <AlreadyRatedBanner claim={c} items={items} />
      <SimilarPanel claim={c} items={items} onChanged={onChanged} />
    </div>
  );
}

const original = { ...claim, id: 3, statement: 'Ecuador has no plans to expel Assange, the ministry says.' };
const ratedOriginal = { claim: original, score: 0.7, duplicate: 'LIKELY', matchedOn: ['trigram', 'fulltext'], verdict: 'FALSE', verdictLabel: 'False' };

function serve(items: unknown[], urls: string[] = [], onPost?: (req: Request) => Promise<Response>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      urls.push(req.url);
      if (req.method === 'POST' && onPost) return onPost(req);
      return json(200, { model: 'lexical-v1', language: 'en', items });
    }),
  );
}

describe('SimilarPanel', () => {
  it('lists other claims with their verdict and leaves the claim itself out', async () => {
    const urls: string[] = [];
    serve([{ claim, score: 1, duplicate: 'LIKELY', matchedOn: ['trigram'] }, ratedOriginal], urls);
    render(<Harness claim={claim} />);
    expect(await screen.findByText(/likely duplicate, 70%, rated False/)).toBeTruthy();
    expect(screen.getAllByRole('link', { name: '#3' })[0].getAttribute('href')).toBe('/claims/3');
    expect(screen.queryByRole('link', { name: '#12' })).toBeNull();
    expect(decodeURIComponent(urls[0])).toContain('text=Quito will not expel Assange');
  });

  it('shows nothing to a caller who may not search', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(403, { title: 'Forbidden', status: 403, detail: 'staff only' })));
    const { container } = render(<Harness claim={claim} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.textContent).toBe('');
  });

  it('leads with the existing ruling when a likely duplicate was rated', async () => {
    serve([ratedOriginal]);
    render(<Harness claim={claim} />);
    const banner = await screen.findByRole('note', { name: 'Already checked' });
    expect(banner.textContent).toContain('Already checked: rated False');
    expect(banner.textContent).toContain('#3');
  });

  it('shows no banner for a rated claim that is only a possible duplicate', async () => {
    serve([{ ...ratedOriginal, score: 0.4, duplicate: 'POSSIBLE' }]);
    render(<Harness claim={claim} />);
    expect(await screen.findByText(/possible duplicate, 40%, rated False/)).toBeTruthy();
    expect(screen.queryByRole('note', { name: 'Already checked' })).toBeNull();
  });

  it('offers marking as duplicate only where the server allows dismissing', async () => {
    serve([ratedOriginal]);
    render(<Harness claim={claim} />);
    await screen.findByText(/likely duplicate/);
    expect(screen.queryByRole('button', { name: /Mark as duplicate/ })).toBeNull();
  });

  it('marks the claim a duplicate of a match with the version it showed', async () => {
    const editable: ClaimView = { ...claim, version: 4, allowedActions: ['READ', 'DISMISS'] };
    let sent: { url: string; ifMatch: string | null; body: unknown } | null = null;
    serve([ratedOriginal], [], async (req) => {
      sent = { url: req.url, ifMatch: req.headers.get('If-Match'), body: await req.json() };
      return json(200, { ...editable, status: 'DISMISSED', duplicateOf: 3, version: 5, allowedActions: ['READ'] });
    });
    const changed = vi.fn();
    render(<Harness claim={editable} onChanged={changed} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Mark as duplicate of #3' }));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(sent!.url).toContain('/api/v1/claims/12/transitions');
    expect(sent!.ifMatch).toBe('"4"');
    expect(sent!.body).toEqual({ to: 'DISMISSED', reason: 'Duplicate of #3', duplicateOf: 3 });
    expect(changed.mock.calls[0][0].duplicateOf).toBe(3);
  });
});
