import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClaimView } from '../api/types';
import { SimilarPanel } from './SimilarPanel';

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

describe('SimilarPanel', () => {
  it('lists other claims with their verdict and leaves the claim itself out', async () => {
    const original = { ...claim, id: 3, statement: 'Ecuador has no plans to expel Assange, the ministry says.' };
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        urls.push(req.url);
        return json(200, {
          model: 'lexical-v1',
          items: [
            { claim, score: 1, duplicate: 'LIKELY', matchedOn: ['trigram'] },
            { claim: original, score: 0.7, duplicate: 'LIKELY', matchedOn: ['trigram', 'fulltext'], verdict: 'FALSE', verdictLabel: 'False' },
          ],
        });
      }),
    );
    render(<SimilarPanel claim={claim} />);
    expect(await screen.findByText(/likely duplicate, 70%, rated False/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '#3' }).getAttribute('href')).toBe('/claims/3');
    expect(screen.queryByRole('link', { name: '#12' })).toBeNull();
    expect(decodeURIComponent(urls[0])).toContain('text=Quito will not expel Assange');
  });

  it('shows nothing to a caller who may not search', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(403, { title: 'Forbidden', status: 403, detail: 'staff only' })));
    const { container } = render(<SimilarPanel claim={claim} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.textContent).toBe('');
  });
});
