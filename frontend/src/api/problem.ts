/** RFC 9457 problem details as the service sends them, plus the HTTP status seen by the client. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field?: string; message?: string }[];
  allowed?: string[];
  [extra: string]: unknown;
}

/** Error thrown by every API wrapper: carries the server's problem so screens can show it in place. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

const FALLBACK_TITLES: Record<number, string> = {
  0: 'Network error',
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Changed by someone else',
  413: 'Too large',
  415: 'Unsupported type',
  422: 'Invalid input',
  428: 'Precondition required',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/** Builds a Problem from whatever an error response carried (problem+json, other JSON, text or nothing). */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const title =
      typeof b.title === 'string' && b.title
        ? b.title
        : FALLBACK_TITLES[status] ?? (statusText || `HTTP ${status}`);
    return {
      ...b,
      title,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
    } as Problem;
  }
  const text = typeof body === 'string' ? body.trim() : '';
  return {
    title: FALLBACK_TITLES[status] ?? (statusText || `HTTP ${status}`),
    status,
    detail: text && text.length < 500 && !text.startsWith('<') ? text : undefined,
  };
}

export function asProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  if (err instanceof Error) return { title: 'Network error', status: 0, detail: err.message };
  return { title: 'Unexpected error', status: 0, detail: String(err) };
}

/** The top-level field an error names: "events[1]" and "tags[0]" count for "events" and "tags". */
function fieldKey(field: string): string {
  return field.split(/[.[]/)[0];
}

/** A 422 problem's field errors by top-level field, so a form can show each next to its field. */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of problem?.errors ?? []) {
    if (!e.field) continue;
    const key = fieldKey(e.field);
    const msg = e.message ?? 'is not valid';
    const index = /^\[(\d+)\]/.exec(e.field.slice(key.length));
    (out[key] ??= []).push(index ? `entry ${Number(index[1]) + 1}: ${msg}` : msg);
  }
  return out;
}

/** The problem without the field errors a form shows next to these fields, for the summary above the button. */
export function withoutFieldErrors(problem: Problem | null | undefined, fields: string[]): Problem | null {
  if (!problem) return null;
  const rest = (problem.errors ?? []).filter((e) => !e.field || !fields.includes(fieldKey(e.field)));
  return { ...problem, errors: rest.length ? rest : undefined };
}
