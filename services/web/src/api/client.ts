/** A field the API named in a 400 problem (`body.title`, `query.q`…). */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    /** The whole problem document, extension members included (e.g. a rule set's `problems`). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field of the request body, if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === `body.${field}` || e.field === field)?.message;
  }
}

let currentToken: string | undefined;
let onUnauthenticated: (() => void) | undefined;

/** Sets the bearer token sent with every call, and what to do when the API no longer accepts it. */
export function configureApi(token: string | undefined, unauthenticated?: () => void): void {
  currentToken = token;
  onUnauthenticated = unauthenticated;
}

/** The bearer header value for calls made outside `api` (the event stream), if logged in. */
export function authorizationHeader(): string | undefined {
  return currentToken ? `Bearer ${currentToken}` : undefined;
}

/** Tells the session that the API no longer accepts the token (a 401 outside `api`). */
export function reportUnauthenticated(): void {
  if (currentToken) onUnauthenticated?.();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the API (same origin) and returns its JSON; a problem becomes an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (currentToken) headers.Authorization = `Bearer ${currentToken}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      credentials: 'omit',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Får ikke kontakt med Mottak. Sjekk nettverket og prøv igjen.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return data as T;
  const problem = (data ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldError[] };
  if (response.status === 401 && currentToken) onUnauthenticated?.();
  throw new ApiError(response.status, problem.code ?? 'HTTP_' + response.status, problem.detail ?? problem.title ?? `Feil fra Mottak (${response.status})`, problem.errors ?? [], (data ?? {}) as Record<string, unknown>);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A user-facing message for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  // The fields themselves show what is wrong with each; the summary says so in words.
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.errors.length > 0) return 'Noe i skjemaet må rettes; se feltene som er merket.';
  if (error instanceof ApiError) return error.message;
  return 'Noe gikk galt. Prøv igjen.';
}
