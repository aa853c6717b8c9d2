import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from './problem';

/**
 * The one openapi-fetch client. Same origin: the session cookie rides along, the Origin header is ours.
 * `fetch` is looked up at call time so tests can stub globalThis.fetch.
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  fetch: (req: Request) => globalThis.fetch(req),
});

/**
 * The same client, untyped, for endpoints the served OpenAPI document does not describe yet (evidence,
 * comments and rulings land in later backend issues). Once a path appears in schema.d.ts, call it through
 * `api` instead so requests are checked against the spec.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const pendingApi = api as unknown as Client<any>;

let onUnauthorized: (() => void) | null = null;

/** Called when a call other than sign-in or /me gets 401 (session expired): the app sends the user to sign in. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

function checkUnauthorized(r: Response, opts: UnwrapOptions): void {
  if (r.status === 401 && onUnauthorized && !opts.signIn) onUnauthorized();
}

export interface UnwrapOptions {
  /** a sign-in attempt: its 401 means wrong credentials, not an expired session */
  signIn?: boolean;
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Unwraps an openapi-fetch result: returns data, throws ApiError with the server's problem otherwise. */
export async function unwrap<T>(p: Promise<FetchResult>, opts: UnwrapOptions = {}): Promise<T> {
  let r: FetchResult;
  try {
    r = await p;
  } catch (e) {
    throw new ApiError({ title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) });
  }
  if (!r.response.ok) {
    checkUnauthorized(r.response, opts);
    throw new ApiError(toProblem(r.response.status, r.error, r.response.statusText));
  }
  return r.data as T;
}

/** Like unwrap, but also returns the response (for ETag/Location). */
export async function unwrapWithResponse<T>(
  p: Promise<FetchResult>,
  opts: UnwrapOptions = {},
): Promise<{ data: T; response: Response }> {
  let r: FetchResult;
  try {
    r = await p;
  } catch (e) {
    throw new ApiError({ title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) });
  }
  if (!r.response.ok) {
    checkUnauthorized(r.response, opts);
    throw new ApiError(toProblem(r.response.status, r.error, r.response.statusText));
  }
  return { data: r.data as T, response: r.response };
}

/** The If-Match value for a resource version: the service's ETag is the quoted version. */
export function ifMatch(version: number | string): string {
  const v = String(version);
  return v.startsWith('"') || v.startsWith('W/') ? v : `"${v}"`;
}
