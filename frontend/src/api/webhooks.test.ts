import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fieldErrors, withoutFieldErrors } from './problem';
import {
  createWebhook,
  deleteWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  replay,
  rotateWebhookSecret,
  updateWebhook,
  webhookEventTypes,
} from './webhooks';

function stubFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      calls.push(req);
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
      });
    }),
  );
  return calls;
}

const hook = { id: 7, url: 'https://cms.example.org/hook', events: ['claim.*'], tags: [], enabled: true, version: 3 };
const path = (r: Request) => new URL(r.url).pathname;

afterEach(() => vi.unstubAllGlobals());

describe('webhooks API', () => {
  it('creates an endpoint and returns the secret with it', async () => {
    const calls = stubFetch(201, { secret: 'whsec_abc', webhook: hook }, { ETag: '"0"' });
    const input = { url: hook.url, events: ['claim.*'], tags: ['elections'], description: 'CMS', enabled: true };
    const c = await createWebhook(input);
    expect(c.secret).toBe('whsec_abc');
    expect(c.webhook.id).toBe(7);
    expect(calls[0].method).toBe('POST');
    expect(path(calls[0])).toBe('/api/v1/webhooks');
    expect(await calls[0].json()).toEqual(input);
  });

  it('lists endpoints and event types, treating missing lists as empty', async () => {
    let calls = stubFetch(200, { items: [hook] });
    expect((await listWebhooks()).items).toHaveLength(1);
    expect(path(calls[0])).toBe('/api/v1/webhooks');
    calls = stubFetch(200, {});
    expect((await listWebhooks()).items).toEqual([]);
    calls = stubFetch(200, { items: ['claim.submitted', 'ruling.published'] });
    expect(await webhookEventTypes()).toEqual(['claim.submitted', 'ruling.published']);
    expect(path(calls[0])).toBe('/api/v1/webhooks/event-types');
  });

  it('reads one endpoint with the ETag to send back', async () => {
    const calls = stubFetch(200, hook, { ETag: '"3"' });
    const r = await getWebhook(7);
    expect(path(calls[0])).toBe('/api/v1/webhooks/7');
    expect(r.etag).toBe('"3"');
    expect(r.webhook.url).toBe(hook.url);
  });

  it('falls back to the quoted version when the answer has no ETag', async () => {
    stubFetch(200, hook);
    expect((await getWebhook(7)).etag).toBe('"3"');
  });

  it('patches with If-Match and hands back the new ETag', async () => {
    const calls = stubFetch(200, { ...hook, enabled: false, version: 4 }, { ETag: '"4"' });
    const r = await updateWebhook(7, '"3"', { enabled: false });
    expect(calls[0].method).toBe('PATCH');
    expect(path(calls[0])).toBe('/api/v1/webhooks/7');
    expect(calls[0].headers.get('if-match')).toBe('"3"');
    expect(await calls[0].json()).toEqual({ enabled: false });
    expect(r.etag).toBe('"4"');
  });

  it('deletes with If-Match and accepts an empty 204', async () => {
    const calls = stubFetch(204, undefined);
    await expect(deleteWebhook(7, 3)).resolves.toBeUndefined();
    expect(calls[0].method).toBe('DELETE');
    expect(calls[0].headers.get('if-match')).toBe('"3"');
  });

  it('rotates the secret with If-Match and says until when the old one signs', async () => {
    const calls = stubFetch(
      200,
      { secret: 'whsec_new', previousSecretValidUntil: '2026-12-05T10:00:00Z', webhook: { ...hook, version: 4 } },
      { ETag: '"4"' },
    );
    const r = await rotateWebhookSecret(7, '"3"');
    expect(calls[0].method).toBe('POST');
    expect(path(calls[0])).toBe('/api/v1/webhooks/7/secret');
    expect(calls[0].headers.get('if-match')).toBe('"3"');
    expect(r).toMatchObject({ secret: 'whsec_new', previousSecretValidUntil: '2026-12-05T10:00:00Z', etag: '"4"' });
  });

  it('pages deliveries with only the filters that are set', async () => {
    let calls = stubFetch(200, { items: [{ id: 1, status: 'FAILED' }], nextCursor: 'c2' });
    const page = await listDeliveries(7, { status: 'FAILED', cursor: 'c1', limit: 50 });
    expect(page).toEqual({ items: [{ id: 1, status: 'FAILED' }], nextCursor: 'c2' });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/v1/webhooks/7/deliveries');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'FAILED', cursor: 'c1', limit: '50' });
    calls = stubFetch(200, { items: [] });
    expect((await listDeliveries(7, { status: '', cursor: null })).nextCursor).toBeNull();
    expect(new URL(calls[0].url).search).toBe('');
  });

  it('reads one delivery, redelivers it and replays from a seq', async () => {
    let calls = stubFetch(200, { id: 9, status: 'FAILED', attemptLog: [{ status: 500, durationMs: 12 }] });
    expect((await getDelivery(7, 9)).attemptLog).toHaveLength(1);
    expect(path(calls[0])).toBe('/api/v1/webhooks/7/deliveries/9');
    calls = stubFetch(202, { deliveries: 1 });
    expect(await redeliver(7, 9)).toEqual({ deliveries: 1 });
    expect(calls[0].method).toBe('POST');
    expect(path(calls[0])).toBe('/api/v1/webhooks/7/deliveries/9/redeliver');
    calls = stubFetch(202, { deliveries: 10000, continueFromSeq: 12345 });
    expect((await replay(7, 100)).continueFromSeq).toBe(12345);
    expect(path(calls[0])).toBe('/api/v1/webhooks/7/replay');
    expect(await calls[0].json()).toEqual({ fromSeq: 100 });
  });

  it('turns a refused URL into an ApiError whose field errors a form can place', async () => {
    stubFetch(422, {
      type: 'about:blank',
      title: 'Invalid input',
      status: 422,
      errors: [
        { field: 'url', message: 'resolves to a private address' },
        { field: 'events[1]', message: 'is not an event type, resource.* or *' },
        { message: 'something general' },
      ],
    });
    const err = (await createWebhook({ url: 'https://10.0.0.1/', events: ['claim.*', 'claim.exploded'] }).catch(
      (e) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(fieldErrors(err.problem)).toEqual({
      url: ['resolves to a private address'],
      events: ['entry 2: is not an event type, resource.* or *'],
    });
    expect(withoutFieldErrors(err.problem, ['url', 'events'])?.errors).toEqual([{ message: 'something general' }]);
  });

  it('reports a stale If-Match as a 412 problem', async () => {
    stubFetch(412, { title: 'Precondition Failed', status: 412, detail: 'Webhook 7 is at version 4' });
    const err = (await deleteWebhook(7, '"3"').catch((e) => e)) as ApiError;
    expect(err.status).toBe(412);
    expect(err.problem.detail).toBe('Webhook 7 is at version 4');
  });
});
