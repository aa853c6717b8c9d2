import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../auth/session';
import { WebhookPage } from './WebhookPage';

const hook = {
  id: 5,
  url: 'https://cms.example.org/hooks/factdesk',
  events: ['claim.*'],
  tags: [],
  enabled: true,
  version: 2,
  createdAt: '2026-12-04T10:00:00Z',
};
const delivery = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  messageId: `msg_${id}`,
  eventSeq: 100 + id,
  eventType: 'claim.submitted',
  claimId: 40 + id,
  status: 'FAILED',
  attempts: 6,
  lastStatus: 500,
  lastDurationMs: 42,
  lastResponse: 'Internal Server Error',
  ...extra,
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

type Handler = (req: Request, url: URL) => Response | Promise<Response> | undefined;

/** The endpoint's GET answers ETag "2"; each test adds the handlers it needs. */
function serve(handler: Handler = () => undefined) {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      calls.push(req.clone());
      const url = new URL(req.url);
      const own = await handler(req, url);
      if (own) return own;
      if (url.pathname === '/api/v1/webhooks/5' && req.method === 'GET') return json(200, hook, { ETag: '"2"' });
      if (url.pathname === '/api/v1/webhooks/event-types') return json(200, { items: ['claim.submitted'] });
      if (url.pathname === '/api/v1/webhooks/5/deliveries') return json(200, { items: [] });
      return json(404, { title: 'Not found', status: 404 });
    }),
  );
  return calls;
}

beforeEach(() => setSession({ username: 'admin', displayName: 'Admin', roles: ['ADMIN'] }));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setSession(null);
});

describe('WebhookPage', () => {
  it('disables the endpoint with If-Match of the ETag it read', async () => {
    const calls = serve((req) =>
      req.method === 'PATCH' ? json(200, { ...hook, enabled: false, version: 3 }, { ETag: '"3"' }) : undefined,
    );
    render(<WebhookPage id={5} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disable' }));
    await screen.findByRole('button', { name: 'Enable' });
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(await patch.json()).toEqual({ enabled: false });
  });

  it('edits the settings starting from the current ones and sends them with If-Match', async () => {
    const calls = serve((req) =>
      req.method === 'PATCH' ? json(200, { ...hook, url: 'https://cms.example.org/v2', version: 3 }, { ETag: '"3"' }) : undefined,
    );
    render(<WebhookPage id={5} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit settings' }));
    const url = screen.getByLabelText('Endpoint URL') as HTMLInputElement;
    expect(url.value).toBe(hook.url);
    const wildcard = (await screen.findByRole('checkbox', { name: /All claim events/ })) as HTMLInputElement;
    expect(wildcard.checked).toBe(true);
    fireEvent.input(url, { target: { value: 'https://cms.example.org/v2' } });
    fireEvent.click(wildcard);
    fireEvent.click(screen.getByRole('checkbox', { name: 'claim.submitted' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('button', { name: 'Edit settings' });
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(await patch.json()).toEqual({
      url: 'https://cms.example.org/v2',
      events: ['claim.submitted'],
      tags: [],
      description: '',
      enabled: true,
    });
    expect(screen.getByText('https://cms.example.org/v2')).toBeTruthy();
  });

  it('says someone else changed it when the If-Match is stale, and reloads on request', async () => {
    serve((req) =>
      req.method === 'PATCH' ? json(412, { title: 'Precondition Failed', status: 412, detail: 'at version 3' }) : undefined,
    );
    render(<WebhookPage id={5} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disable' }));
    expect(await screen.findByText(/Someone else changed this webhook/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load the current settings' }));
    await waitFor(() => expect(screen.queryByText(/Someone else changed this webhook/)).toBeNull());
  });

  it('rotates the secret and shows the new one with until when the old one signs', async () => {
    vi.stubGlobal('confirm', () => true);
    const calls = serve((_req, url) =>
      url.pathname === '/api/v1/webhooks/5/secret'
        ? json(
            200,
            { secret: 'whsec_rotated', previousSecretValidUntil: '2026-12-05T10:00:00Z', webhook: { ...hook, version: 3 } },
            { ETag: '"3"' },
          )
        : undefined,
    );
    render(<WebhookPage id={5} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate secret' }));
    expect(((await screen.findByLabelText('Signing secret')) as HTMLInputElement).value).toBe('whsec_rotated');
    expect(screen.getByText(/previous secret keeps signing beside it until/)).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/secret'))!.headers.get('If-Match')).toBe('"2"');
    fireEvent.click(screen.getByRole('button', { name: 'I have stored the secret' }));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
  });

  it('lists deliveries, loads more by cursor, filters by status and redelivers one', async () => {
    const calls = serve((_req, url) => {
      if (url.pathname === '/api/v1/webhooks/5/deliveries') {
        return url.searchParams.get('cursor') === 'next'
          ? json(200, { items: [delivery(1, { lastResponse: `<html>${'x'.repeat(300)}</html>` })] })
          : json(200, { items: [delivery(2, { status: 'PENDING', nextAttemptAt: '2026-12-04T11:00:00Z' })], nextCursor: 'next' });
      }
      if (url.pathname.endsWith('/redeliver')) return json(202, { deliveries: 1 });
      return undefined;
    });
    render(<WebhookPage id={5} />);
    const table = await screen.findByRole('table', { name: /Deliveries/ });
    expect(within(table).getByText('msg_2')).toBeTruthy();
    expect(within(table).getByRole('link', { name: '#42' }).getAttribute('href')).toBe('/claims/42');
    fireEvent.click(screen.getByRole('button', { name: 'Load more deliveries' }));
    expect(await within(table).findByText('msg_1')).toBeTruthy();
    // a long answer is cut short in the table (the attempt log shows it whole)
    expect(within(table).getByText(/^<html>x+…$/).textContent).toHaveLength(80);
    expect(screen.queryByRole('button', { name: 'Load more deliveries' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Redeliver msg_1' }));
    expect(await screen.findByText(/msg_1 is queued again/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/webhooks/5/deliveries/1/redeliver'))).toBe(true);

    fireEvent.change(screen.getByLabelText('Delivery status'), { target: { value: 'FAILED' } });
    await waitFor(() =>
      expect(calls.some((c) => new URL(c.url).searchParams.get('status') === 'FAILED')).toBe(true),
    );
  });

  it('shows one delivery\'s attempt log', async () => {
    serve((_req, url) => {
      if (url.pathname === '/api/v1/webhooks/5/deliveries') return json(200, { items: [delivery(1)] });
      if (url.pathname === '/api/v1/webhooks/5/deliveries/1')
        return json(200, {
          ...delivery(1),
          attemptLog: [
            { attemptedAt: '2026-12-04T10:00:05Z', status: 500, durationMs: 40, response: 'Internal Server Error' },
            { attemptedAt: '2026-12-04T10:05:05Z', durationMs: 10000, error: 'timed out after 10 s' },
          ],
        });
      return undefined;
    });
    render(<WebhookPage id={5} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Attempts of msg_1' }));
    const log = await screen.findByRole('table', { name: 'Attempt log' });
    expect(within(log).getAllByRole('row')).toHaveLength(3);
    expect(within(log).getByText('timed out after 10 s')).toBeTruthy();
  });

  it('replays from a seq and says where to go on when the limit was hit', async () => {
    const calls = serve((_req, url) =>
      url.pathname === '/api/v1/webhooks/5/replay' ? json(202, { deliveries: 10000, continueFromSeq: 20500 }) : undefined,
    );
    render(<WebhookPage id={5} />);
    fireEvent.input(await screen.findByLabelText('Replay from seq'), { target: { value: '100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(await screen.findByText(/Queued 10000 deliveries.*replay again from seq 20500/)).toBeTruthy();
    expect(await calls.find((c) => c.url.endsWith('/replay'))!.json()).toEqual({ fromSeq: 100 });
    expect((screen.getByLabelText('Replay from seq') as HTMLInputElement).value).toBe('20500');
  });
});
