// msal's transport: its `INetworkModule` over Quorum's fetch (which trusts the configured CA), and a
// record of what the token endpoint answered, because msal's errors drop the HTTP status, the
// Retry-After header and the cause of a network failure.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Fetch } from '../../net/fetch.js';

/** What one request to Entra produced: an HTTP answer, or a failure to get one. */
export interface Observation {
  readonly url: string;
  readonly status?: number;
  /** Lower-case header names. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The parsed JSON body of a non-2xx answer (Entra's error object). */
  readonly errorBody?: Readonly<Record<string, unknown>>;
  /** Why no answer arrived (DNS, TCP, TLS, timeout). */
  readonly failure?: unknown;
}

export interface NetworkClientOptions {
  readonly fetch: Fetch;
  /** Milliseconds before a request to Entra is abandoned. */
  readonly timeoutMs: number;
}

/**
 * One per msal instance. Token requests are recorded by msal's correlation id (msal passes it to
 * `sendPostRequestAsync`); the metadata GET carries none, so its last failure is kept instead.
 */
export class RecordingNetworkClient implements INetworkModule {
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;
  readonly #posts = new Map<string, Observation>();
  #lastGetFailure: Observation | undefined;

  constructor(options: NetworkClientOptions) {
    this.#fetch = options.fetch;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Removes and returns what the token request with this correlation id produced, if it was sent. */
  takePost(correlationId: string): Observation | undefined {
    const observation = this.#posts.get(correlationId);
    this.#posts.delete(correlationId);
    return observation;
  }

  /** The most recent failed metadata (openid-configuration) request, if any. */
  get lastGetFailure(): Observation | undefined {
    return this.#lastGetFailure;
  }

  async sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const { response, observation } = await this.#send('GET', url, options, timeout);
    this.#lastGetFailure =
      observation.status !== undefined && ok(observation.status) ? undefined : observation;
    if (!response) throw observation.failure;
    return response as NetworkResponse<T>;
  }

  async sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    const { response, observation } = await this.#send('POST', url, options);
    if (options?.correlationId) this.#posts.set(options.correlationId, observation);
    if (!response) throw observation.failure;
    if (ok(response.status) && Object.keys(response.body as object).length === 0) {
      // msal would otherwise treat an empty success as a token response without a token.
      throw new Error(`the token endpoint answered HTTP ${response.status} without a JSON body`);
    }
    return response as NetworkResponse<T>;
  }

  async #send(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<{ response?: NetworkResponse<unknown>; observation: Observation }> {
    let res: Response;
    let text: string;
    try {
      res = await this.#fetch(url, {
        method,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        signal: AbortSignal.timeout(timeout ?? this.#timeoutMs),
      });
      text = await res.text();
    } catch (failure) {
      return { observation: { url: stripQuery(url), failure } };
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const body = oauthBody(res.status, text);
    return {
      response: { status: res.status, headers, body },
      observation: {
        url: stripQuery(url),
        status: res.status,
        headers,
        ...(ok(res.status) ? {} : { errorBody: body }),
      },
    };
  }
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * msal only treats a response as failed when its body has `error`/`error_description`; a proxy's HTML
 * 502 or an empty 503 would otherwise pass as a token response. Such bodies become an OAuth error.
 */
function oauthBody(status: number, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  const body =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  if (ok(status) || typeof body['error'] === 'string') return body;
  return {
    ...body,
    error: status === 429 || status >= 500 ? 'temporarily_unavailable' : 'invalid_request',
    error_description: `HTTP ${status} without an OAuth error body`,
  };
}

/** msal puts the correlation id and library telemetry in the query; logs need only the endpoint. */
function stripQuery(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? url : url.slice(0, index);
}
