import { afterEach, describe, expect, it, vi } from 'vitest';
import { login, me } from './auth';
import { editClaim, listClaims, submitClaim, transitionClaim } from './claims';
import { uploadEvidence } from './evidence';
import { ApiError, toProblem } from './problem';
import { publicClaimReview } from './public';

function stubFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Request[] = [];
  const fn = vi.fn(async (req: Request) => {
    calls.push(req);
    const isJson = body !== undefined && typeof body !== 'string';
    return new Response(body === undefined ? null : isJson ? JSON.stringify(body) : (body as string), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
    });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('API wrappers', () => {
  it('signs in with a form post', async () => {
    const calls = stubFetch(200, { username: 'checker', displayName: 'Checker', roles: ['FACT_CHECKER'] });
    const m = await login('checker', 'factdesk-demo');
    expect(m.roles).toEqual(['FACT_CHECKER']);
    expect(calls[0].method).toBe('POST');
    expect(new URL(calls[0].url).pathname).toBe('/api/v1/auth/login');
    expect(calls[0].headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(await calls[0].text()).toBe('username=checker&password=factdesk-demo');
  });

  it('treats 401 from /me as signed out', async () => {
    stubFetch(401, { title: 'Unauthorized', status: 401 });
    expect(await me()).toBeNull();
  });

  it('sends only the filters that are set', async () => {
    const calls = stubFetch(200, { items: [], nextCursor: null });
    await listClaims({ status: 'SUBMITTED', q: '  ', tag: '', limit: 25, cursor: 'abc' });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/v1/claims');
    expect([...url.searchParams.keys()].sort()).toEqual(['cursor', 'limit', 'status']);
  });

  it('edits with If-Match of the version', async () => {
    const calls = stubFetch(200, { id: 4, version: 4 });
    await editClaim(4, 3, { claimant: 'UN' });
    expect(calls[0].method).toBe('PATCH');
    expect(calls[0].headers.get('if-match')).toBe('"3"');
    expect(await calls[0].json()).toEqual({ claimant: 'UN' });
  });

  it('turns a problem response into an ApiError with title and detail', async () => {
    stubFetch(412, { type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'Claim 4 is at version 5' });
    const err = await editClaim(4, 3, { claimant: 'UN' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(412);
    expect(err.problem.detail).toBe('Claim 4 is at version 5');
  });

  it('keeps validation errors and allowed moves', async () => {
    stubFetch(422, { title: 'Invalid claim', status: 422, errors: [{ field: 'statement', message: 'too short' }] });
    const err = (await submitClaim({ statement: 'short' }).catch((e) => e)) as ApiError;
    expect(err.problem.errors).toEqual([{ field: 'statement', message: 'too short' }]);
    stubFetch(409, { title: 'Illegal transition', status: 409, allowed: ['DISMISSED'] });
    const err2 = (await transitionClaim(1, 1, 'RATED').catch((e) => e)) as ApiError;
    expect(err2.problem.allowed).toEqual(['DISMISSED']);
  });

  it('reports network failures as problems', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const err = (await listClaims({}).catch((e) => e)) as ApiError;
    expect(err.problem).toMatchObject({ title: 'Network error', status: 0, detail: 'Failed to fetch' });
  });

  it('asks for JSON-LD on the public endpoint', async () => {
    const calls = stubFetch(200, { '@type': 'ClaimReview' }, { 'Content-Type': 'application/ld+json' });
    expect((await publicClaimReview(9))['@type']).toBe('ClaimReview');
    expect(new URL(calls[0].url).pathname).toBe('/api/public/claim-reviews/9');
    expect(calls[0].headers.get('accept')).toContain('application/ld+json');
  });
});

describe('toProblem', () => {
  it('falls back to a title for empty or non-JSON bodies', () => {
    expect(toProblem(413, undefined)).toEqual({ title: 'Too large', status: 413, detail: undefined });
    expect(toProblem(502, '<html>bad gateway</html>', 'Bad Gateway')).toEqual({ title: 'Bad Gateway', status: 502, detail: undefined });
    expect(toProblem(415, 'Type application/x-msdownload is not allowed')).toMatchObject({
      title: 'Unsupported type',
      detail: 'Type application/x-msdownload is not allowed',
    });
  });
});

class FakeXhr {
  static last: FakeXhr;
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

describe('uploadEvidence', () => {
  const file = new File(['hello world'], 'note.txt', { type: 'text/plain' });
  const xhr = () => new FakeXhr() as unknown as XMLHttpRequest;

  it('posts multipart with stance and reports progress', async () => {
    const progress: number[] = [];
    const h = uploadEvidence(7, file, { stance: 'REFUTES', note: 'n' }, (p) => progress.push(p), xhr);
    const x = FakeXhr.last;
    expect(x.method).toBe('POST');
    expect(x.url).toBe('/api/v1/claims/7/evidence/files');
    expect(x.body?.get('stance')).toBe('REFUTES');
    expect((x.body?.get('file') as File).name).toBe('note.txt');
    x.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 } as ProgressEvent);
    x.respond(201, { id: 1, fileName: 'note.txt' });
    expect((await h.promise).id).toBe(1);
    expect(progress).toEqual([0.5, 1]);
  });

  it('rejects with the server text on 413 and 415', async () => {
    const h = uploadEvidence(7, file, { stance: 'CONTEXT' }, undefined, xhr);
    FakeXhr.last.respond(413, { title: 'Payload Too Large', status: 413, detail: 'Files may be at most 25 MiB' });
    const err = (await h.promise.catch((e) => e)) as ApiError;
    expect(err.problem.detail).toBe('Files may be at most 25 MiB');
    const h2 = uploadEvidence(7, file, { stance: 'CONTEXT' }, undefined, xhr);
    FakeXhr.last.respond(415, { title: 'Unsupported Media Type', status: 415, detail: 'application/x-dosexec is not allowed' });
    expect(((await h2.promise.catch((e) => e)) as ApiError).problem.title).toBe('Unsupported Media Type');
  });
});

describe('expired sessions', () => {
  it('tell the app on 401 from any call but sign-in and /me', async () => {
    const { setUnauthorizedHandler } = await import('./client');
    const seen = vi.fn();
    setUnauthorizedHandler(seen);
    stubFetch(401, { title: 'Unauthorized', status: 401 });
    await listClaims({}).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    await me();
    await login('x', 'y').catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    setUnauthorizedHandler(null);
  });
});
