// Quorum's one Microsoft Graph client: tokens per tenant, per-attempt timeouts, retries on
// 429/503/504 with Retry-After, ≤ 4 requests in flight per mailbox, paging and `$batch`.
//
// Built on fetch rather than @microsoft/microsoft-graph-client v3, for reasons verified against
// 3.0.7: its GraphRequest rebuilds every URL (query parameters of a nextLink/deltaLink come back
// reordered, so links are not used verbatim) and turns absolute `http://` links into
// `/v1.0/http://…` (graph-facts §8.5); it wraps anything a middleware throws into its own error
// type; and its auth provider is per client while Quorum's token is per tenant and per call. What
// remained to reuse was a loop that calls middlewares in order — the steps below are that chain.

import { batch, type BatchItem, type BatchItemResult, type BatchOptions } from './batch.js';
import { GraphError, isTransientStatus, toGraphError } from './errors.js';
import { mailboxOf, MailboxLimiter } from './mailbox-limiter.js';
import {
  resolveOptions,
  type GraphClientOptions,
  type ResolvedGraphClientOptions,
} from './options.js';
import { pages, type GraphPage } from './paging.js';
import { isReplayable, parseRetryAfter, retryDelayMs } from './retry-policy.js';
import { Semaphore } from './semaphore.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface GraphRequest {
  /** The tenant whose token authorizes the call. */
  tenantId: string;
  method?: HttpMethod;
  /** `/users/{id}/…` (relative to the API root) or an absolute `@odata.nextLink`, sent verbatim. */
  path: string;
  /** Added to a relative path; OData keys (`$select`) stay readable, values are encoded. */
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Opt a POST/PATCH into retries because replaying it is harmless (e.g. it has a `transactionId`). */
  idempotent?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Mailbox slots held while this request is in flight, beyond the one its own URL takes: a
   * `$batch` holds a slot for each mailbox its items touch.
   */
  mailboxSlots?: ReadonlyMap<string, number>;
}

export interface GraphResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  requestId: string | undefined;
  attempts: number;
}

type Attempt =
  | { kind: 'response'; response: Response; body: unknown }
  | { kind: 'transport'; error: GraphError };

export class GraphClient {
  readonly #o: ResolvedGraphClientOptions;
  readonly #mailboxes: MailboxLimiter;
  readonly #global: Semaphore;

  constructor(options: GraphClientOptions) {
    this.#o = resolveOptions(options);
    this.#mailboxes = new MailboxLimiter(this.#o.maxConcurrentPerMailbox);
    this.#global = new Semaphore(this.#o.maxConcurrent);
  }

  /** `{baseUrl}/{version}`, e.g. `https://graph.microsoft.com/v1.0`. */
  get apiRoot(): string {
    return this.#o.apiRoot;
  }

  /** Sends one request with retries; resolves on 2xx, throws `GraphError` otherwise. */
  async request<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>> {
    const method = req.method ?? 'GET';
    const url = this.urlFor(req.path, req.query);
    const replayable = isReplayable(method, req.idempotent);
    const slots = new Map(req.mailboxSlots ?? []);
    const own = mailboxOf(url);
    if (own !== undefined) slots.set(own, Math.max(slots.get(own) ?? 0, 1));
    // Same id on every attempt, so Microsoft can tie the retries of one call together.
    const clientRequestId = crypto.randomUUID();
    const { retry, clock, random } = this.#o;
    let waited = 0;
    let retryAfterSeconds: number | undefined;

    for (let attempt = 1; ; attempt++) {
      const token = await this.#o.tokenProvider(req.tenantId);
      const outcome = await this.#attempt(req, method, url, token, clientRequestId, slots, attempt);

      let waitFor: number | undefined;
      let failure: GraphError;
      if (outcome.kind === 'response') {
        const { response, body } = outcome;
        if (response.ok) {
          return {
            status: response.status,
            headers: response.headers,
            body: body as T,
            requestId: response.headers.get('request-id') ?? undefined,
            attempts: attempt,
          };
        }
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
        if (retryAfterMs !== undefined) retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
        failure = toGraphError({
          status: response.status,
          body,
          header: (n) => response.headers.get(n) ?? undefined,
          attempts: attempt,
          retryAfterSeconds,
        });
        if (!isTransientStatus(response.status)) throw failure;
        waitFor = retryDelayMs(retryAfterMs, attempt, retry, random);
      } else {
        failure = outcome.error;
        if (req.signal?.aborted) throw req.signal.reason;
        waitFor = retryDelayMs(undefined, attempt, retry, random);
      }

      const giveUp =
        !replayable ||
        attempt >= retry.maxAttempts ||
        waitFor > retry.maxSingleWaitMs ||
        waited + waitFor > retry.maxTotalWaitMs;
      if (giveUp) throw failure;
      waited += waitFor;
      await clock.sleep(waitFor, req.signal);
    }
  }

  /** `GET` → the parsed body. */
  async get<T>(tenantId: string, path: string, init: RequestInit = {}): Promise<T> {
    return (await this.request<T>({ ...init, tenantId, path, method: 'GET' })).body;
  }

  /** `POST` a JSON body → the parsed body (undefined for 202/204). */
  async post<T>(tenantId: string, path: string, body: unknown, init: RequestInit = {}): Promise<T> {
    return (await this.request<T>({ ...init, tenantId, path, body, method: 'POST' })).body;
  }

  /** `PATCH` a JSON body → the parsed body. */
  async patch<T>(
    tenantId: string,
    path: string,
    body: unknown,
    init: RequestInit = {},
  ): Promise<T> {
    return (await this.request<T>({ ...init, tenantId, path, body, method: 'PATCH' })).body;
  }

  /** `DELETE`. */
  async delete(tenantId: string, path: string, init: RequestInit = {}): Promise<void> {
    await this.request({ ...init, tenantId, path, method: 'DELETE' });
  }

  /** Follows `@odata.nextLink` page by page; the last page carries `@odata.deltaLink` if any. */
  pages<T>(req: GraphRequest): AsyncGenerator<GraphPage<T>, void, undefined> {
    return pages<T>(this, req);
  }

  /** Sends any number of requests through `$batch`; see `batch()` for the rules. */
  batch(
    tenantId: string,
    items: readonly BatchItem[],
    options?: BatchOptions,
  ): Promise<Map<string, BatchItemResult>> {
    return batch(this, this.#o, tenantId, items, options);
  }

  /** The absolute URL for a relative path plus query, or an absolute URL unchanged. */
  urlFor(path: string, query?: Readonly<Record<string, QueryValue>>): string {
    if (/^https?:\/\//i.test(path)) return path;
    let url = `${this.#o.apiRoot}/${path.replace(/^\/+/, '')}`;
    const parts = Object.entries(query ?? {})
      .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    if (parts.length > 0) url += `${url.includes('?') ? '&' : '?'}${parts.join('&')}`;
    return url;
  }

  async #attempt(
    req: GraphRequest,
    method: HttpMethod,
    url: string,
    token: string,
    clientRequestId: string,
    slots: ReadonlyMap<string, number>,
    attempt: number,
  ): Promise<Attempt> {
    const host = new URL(url).hostname.toLowerCase();
    if (!this.#o.trustedHosts.has(host)) {
      // A nextLink pointing elsewhere must not carry the tenant's token there.
      throw new Error(`Refusing to send a Graph token to untrusted host ${host}`);
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      'client-request-id': clientRequestId,
      ...req.headers,
      authorization: `Bearer ${token}`,
    };
    if (req.body !== undefined) headers['content-type'] ??= 'application/json';

    // Mailbox slots before the global one: waiting on a busy mailbox must not hold global capacity.
    const releaseMailboxes =
      slots.size > 0 ? await this.#mailboxes.acquire(req.tenantId, slots) : undefined;
    const releaseGlobal = await this.#global.acquire();
    const timeoutMs = req.timeoutMs ?? this.#o.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onCallerAbort = (): void => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await this.#o.fetch(url, {
        method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      return { kind: 'response', response, body: await readBody(response) };
    } catch (cause) {
      const timedOut = controller.signal.aborted && !req.signal?.aborted;
      return {
        kind: 'transport',
        error: new GraphError({
          status: 0,
          code: timedOut ? 'ClientTimeout' : 'NetworkError',
          message: timedOut
            ? `${method} ${url} timed out after ${timeoutMs} ms`
            : `${method} ${url} failed: ${(cause as Error).message}`,
          attempts: attempt,
          cause,
        }),
      };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      releaseGlobal();
      releaseMailboxes?.();
    }
  }
}

/** Per-call options shared by the `get`/`post`/`patch`/`delete` shorthands. */
export type RequestInit = Omit<GraphRequest, 'tenantId' | 'path' | 'method' | 'body'>;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
