// The HTTP client every screen uses: bearer token from the host, JSON in and out, problem+json
// errors as ApiError, and retries only where repeating the request cannot do anything twice.
import { ApiError, errorFromResponse } from './api-error.js';

export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /**
   * An `Idempotency-Key` the server honours (`POST /api/meetings`): the request may then be
   * repeated after a network failure or a 5xx like GET, since a replay returns the first result.
   */
  readonly idempotencyKey?: string;
}

export interface ApiClientOptions {
  readonly getToken: TokenSource;
  /** Base URL of Quorum; the page's own origin by default. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** Waits between retries (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number;
}

const IDEMPOTENT = new Set<Method>(['GET', 'PUT', 'DELETE']);
const TRANSIENT = new Set([502, 503, 504]);
const MAX_WAIT_MS = 10_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function urlOf(base: string, path: string, query: Query | undefined): string {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(key, String(value));
    }
  }
  return url.toString();
}

/** Backoff for attempt `n` (1-based): Retry-After when given, else 0.5 s, 1 s, 2 s … capped. */
function waitMs(attempt: number, retryAfterSeconds: number | null): number {
  if (retryAfterSeconds !== null) return Math.min(retryAfterSeconds * 1000, MAX_WAIT_MS);
  return Math.min(500 * 2 ** (attempt - 1), MAX_WAIT_MS);
}

export class ApiClient {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  private readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? defaultSleep;
    this.maxRetries = options.maxRetries ?? 2;
    this.baseUrl = options.baseUrl ?? globalThis.location.origin;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body: body ?? {} });
  }
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  /**
   * Sends one request. Retries: a 401 once with a fresh token (the request was refused before it
   * ran); a 429 (Quorum's rate limiter refuses before the handler runs) for any method; network
   * failures and 502/503/504 only for GET, PUT and DELETE, which are safe to repeat, and for
   * requests carrying an idempotency key.
   */
  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const url = urlOf(this.baseUrl, path, options.query);
    let forceRefresh = false;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.getToken({ forceRefresh });
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      const repeatable = IDEMPOTENT.has(method) || options.idempotencyKey !== undefined;
      let res: Response;
      try {
        res = await this.fetchFn(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: options.signal,
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (repeatable && attempt <= this.maxRetries) {
          await this.sleep(waitMs(attempt, null));
          continue;
        }
        throw new ApiError('ERR_NETWORK', 0, 'Quorum could not be reached. Check your connection.');
      }
      if (res.ok) {
        if (res.status === 204) return undefined as T;
        const type = res.headers.get('content-type') ?? '';
        return (type.includes('json') ? await res.json() : await res.text()) as T;
      }
      const error = await errorFromResponse(res);
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        forceRefresh = true;
        attempt--;
        continue;
      }
      forceRefresh = false;
      const retryable = res.status === 429 || (TRANSIENT.has(res.status) && repeatable);
      if (retryable && attempt <= this.maxRetries) {
        await this.sleep(waitMs(attempt, error.retryAfterSeconds));
        continue;
      }
      throw error;
    }
  }
}
