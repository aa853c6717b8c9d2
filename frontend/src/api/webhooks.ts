import { api, ifMatch, unwrap, unwrapWithResponse } from './client';
import type { components } from './schema';

/**
 * Signed webhooks (ADMIN only). The shapes are the generated ones from schema.d.ts; the fields the service
 * always sends are marked required so screens need not guard each one.
 */
type Schemas = components['schemas'];
type WithRequired<T, K extends keyof T> = T & Required<Pick<T, K>>;

export type Webhook = WithRequired<Schemas['Webhook'], 'id' | 'url' | 'events' | 'enabled' | 'version'>;
export type WebhookInput = Schemas['CreateWebhookRequest'];
export type WebhookChanges = Schemas['UpdateWebhookRequest'];
export type WebhookDelivery = WithRequired<Schemas['WebhookDelivery'], 'id' | 'status'>;
export type WebhookAttempt = Schemas['WebhookAttempt'];
export type DeliveryStatus = Schemas['Status'];
export type Requeued = Schemas['Requeued'];
export const DELIVERY_STATUSES: DeliveryStatus[] = ['PENDING', 'SUCCEEDED', 'FAILED'];

/** A new endpoint with its secret: the only answer that carries the secret. */
export interface CreatedWebhook {
  secret: string;
  webhook: Webhook;
}

/** A rotated secret; the previous one keeps signing beside it until previousSecretValidUntil. */
export interface RotatedSecret {
  secret: string;
  previousSecretValidUntil?: string;
  webhook: Webhook;
  etag: string;
}

/** An endpoint with the ETag to send as If-Match when changing, rotating or deleting it. */
export interface VersionedWebhook {
  webhook: Webhook;
  etag: string;
}

export interface DeliveryPage {
  items: WebhookDelivery[];
  nextCursor?: string | null;
}

export interface DeliveryQuery {
  status?: DeliveryStatus | '';
  cursor?: string | null;
  limit?: number;
}

/** The ETag the service answered with, or (should a proxy drop it) the quoted version it stands for. */
function etagOf(response: Response, webhook: Webhook | undefined): string {
  return response.headers.get('ETag') ?? ifMatch(webhook?.version ?? '');
}

export function listWebhooks(): Promise<{ items: Webhook[] }> {
  return unwrap<{ items?: Webhook[] }>(api.GET('/api/v1/webhooks', {})).then((r) => ({ items: r?.items ?? [] }));
}

/** The dotted event types an endpoint can subscribe to (besides resource.* and *). */
export function webhookEventTypes(): Promise<string[]> {
  return unwrap<{ items?: string[] }>(api.GET('/api/v1/webhooks/event-types', {})).then((r) => r?.items ?? []);
}

export function createWebhook(input: WebhookInput): Promise<CreatedWebhook> {
  return unwrap<CreatedWebhook>(api.POST('/api/v1/webhooks', { body: input }));
}

export async function getWebhook(id: number): Promise<VersionedWebhook> {
  const { data, response } = await unwrapWithResponse<Webhook>(
    api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } }),
  );
  return { webhook: data, etag: etagOf(response, data) };
}

/** Changes an endpoint (merge patch: absent fields stay); 412 means someone else changed it meanwhile. */
export async function updateWebhook(id: number, etag: string | number, changes: WebhookChanges): Promise<VersionedWebhook> {
  const { data, response } = await unwrapWithResponse<Webhook>(
    api.PATCH('/api/v1/webhooks/{id}', {
      params: { path: { id }, header: { 'If-Match': ifMatch(etag) } },
      body: changes,
    }),
  );
  return { webhook: data, etag: etagOf(response, data) };
}

/** Removes an endpoint and its delivery log. */
export async function deleteWebhook(id: number, etag: string | number): Promise<void> {
  await unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id }, header: { 'If-Match': ifMatch(etag) } } }));
}

export async function rotateWebhookSecret(id: number, etag: string | number): Promise<RotatedSecret> {
  const { data, response } = await unwrapWithResponse<Omit<RotatedSecret, 'etag'>>(
    api.POST('/api/v1/webhooks/{id}/secret', { params: { path: { id }, header: { 'If-Match': ifMatch(etag) } } }),
  );
  return { ...data, etag: etagOf(response, data.webhook) };
}

/** One page of the delivery log, newest first; pass nextCursor for the next page. */
export function listDeliveries(id: number, q: DeliveryQuery = {}): Promise<DeliveryPage> {
  const query: { status?: DeliveryStatus; cursor?: string; limit?: number } = {};
  if (q.status) query.status = q.status;
  if (q.cursor) query.cursor = q.cursor;
  if (q.limit) query.limit = q.limit;
  return unwrap<{ items?: WebhookDelivery[]; nextCursor?: string | null }>(
    api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query } }),
  ).then((r) => ({ items: r?.items ?? [], nextCursor: r?.nextCursor ?? null }));
}

/** One delivery with its attempt log. */
export function getDelivery(id: number, deliveryId: number): Promise<WebhookDelivery> {
  return unwrap<WebhookDelivery>(
    api.GET('/api/v1/webhooks/{id}/deliveries/{deliveryId}', { params: { path: { id, deliveryId } } }),
  );
}

/** Sends one delivery again now, with the same webhook-id. */
export function redeliver(id: number, deliveryId: number): Promise<Requeued> {
  return unwrap<Requeued>(
    api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } }),
  );
}

/** Requeues every subscribed event from an audit seq on; continueFromSeq says where to go on (null: done). */
export function replay(id: number, fromSeq: number): Promise<Requeued> {
  return unwrap<Requeued>(api.POST('/api/v1/webhooks/{id}/replay', { params: { path: { id } }, body: { fromSeq } }));
}
