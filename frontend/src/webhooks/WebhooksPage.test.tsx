import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../auth/session';
import { WebhooksPage } from './WebhooksPage';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const TYPES = ['claim.assigned', 'claim.submitted', 'ruling.published'];
const created = {
  id: 3,
  url: 'https://cms.example.org/hooks/factdesk',
  events: ['claim.*'],
  tags: [],
  enabled: true,
  version: 0,
  createdAt: '2026-12-04T10:00:00Z',
  createdBy: 'admin',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** A small fake of the webhooks endpoints; records what was posted. */
function serve(opts: { list?: unknown[]; onCreate?: (body: unknown) => Response } = {}) {
  const state = { list: [...(opts.list ?? [])], posted: [] as unknown[] };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/webhooks/event-types') return json(200, { items: TYPES });
      if (path === '/api/v1/webhooks' && req.method === 'GET') return json(200, { items: state.list });
      if (path === '/api/v1/webhooks' && req.method === 'POST') {
        const body = await req.json();
        state.posted.push(body);
        const r = opts.onCreate?.(body);
        if (r) return r;
        state.list.push(created);
        return json(201, { secret: SECRET, webhook: created });
      }
      return json(404, { title: 'Not found', status: 404 });
    }),
  );
  return state;
}

beforeEach(() => setSession({ username: 'admin', displayName: 'Admin', roles: ['ADMIN'] }));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setSession(null);
});

async function fillAndCreate(url: string) {
  fireEvent.input(screen.getByLabelText('Endpoint URL'), { target: { value: url } });
  fireEvent.click(await screen.findByRole('checkbox', { name: /All claim events/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
}

describe('WebhooksPage', () => {
  it('shows the secret once after creation and hides it for good after dismissal', async () => {
    const state = serve();
    render(<WebhooksPage />);
    expect(await screen.findByText('No webhooks yet.')).toBeTruthy();
    await fillAndCreate('https://cms.example.org/hooks/factdesk');

    const secret = (await screen.findByLabelText('Signing secret')) as HTMLInputElement;
    expect(secret.value).toBe(SECRET);
    expect(screen.getByText(/you will not see it again/)).toBeTruthy();
    expect(await screen.findByRole('link', { name: created.url })).toBeTruthy();
    expect(state.posted[0]).toEqual({ url: created.url, events: ['claim.*'], tags: [], description: '', enabled: true });

    fireEvent.click(screen.getByRole('button', { name: 'I have stored the secret' }));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    // the endpoint stays listed; the list never carries the secret
    expect(screen.getByRole('link', { name: created.url })).toBeTruthy();
  });

  it('copies the secret to the clipboard', async () => {
    serve();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<WebhooksPage />);
    await screen.findByText('No webhooks yet.');
    await fillAndCreate(created.url);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy secret' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
  });

  it('locks the single types a ticked resource wildcard covers', async () => {
    serve();
    render(<WebhooksPage />);
    const single = (await screen.findByRole('checkbox', { name: 'claim.submitted' })) as HTMLInputElement;
    expect(single.checked).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: /All claim events/ }));
    expect(single.checked).toBe(true);
    expect(single.disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'ruling.published' }) as HTMLInputElement).checked).toBe(false);
  });

  it('shows the server\'s field errors next to the fields and no secret', async () => {
    serve({
      onCreate: () =>
        json(422, {
          title: 'Invalid input',
          status: 422,
          errors: [{ field: 'url', message: 'resolves to a private address (10.0.0.1)' }],
        }),
    });
    render(<WebhooksPage />);
    await screen.findByText('No webhooks yet.');
    await fillAndCreate('https://intranet.example.org/hook');
    const msg = await screen.findByText('resolves to a private address (10.0.0.1)');
    const input = screen.getByLabelText('Endpoint URL');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(msg.id);
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
  });

  it('says why the service disabled an endpoint and since when one fails', async () => {
    serve({
      list: [
        { ...created, id: 1, enabled: false, disabledReason: 'The receiver answered 410 Gone', disabledAt: '2026-12-04T09:00:00Z' },
        { ...created, id: 2, url: 'https://chat.example.org/hook', failingSince: '2026-12-04T08:00:00Z' },
      ],
    });
    render(<WebhooksPage />);
    expect(await screen.findByText('Disabled by Factdesk')).toBeTruthy();
    expect(screen.getByText(/The receiver answered 410 Gone/)).toBeTruthy();
    expect(screen.getByText(/Every attempt has failed since/)).toBeTruthy();
  });

  it('is for administrators only', () => {
    setSession({ username: 'editor', displayName: 'Editor', roles: ['EDITOR'] });
    serve();
    render(<WebhooksPage />);
    expect(screen.getByRole('alert').textContent).toContain('Only administrators');
  });
});
