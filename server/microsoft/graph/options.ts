// GraphClient configuration: checked once, eagerly, when the client is built.

import { systemClock, type Clock, type Random } from './clock.js';
import { OUTLOOK_MAILBOX_CONCURRENCY } from './mailbox-limiter.js';
import { defaultRetryOptions, type RetryOptions } from './retry-policy.js';

/** An app-only access token for Microsoft Graph in `tenantId` (msal-node caches per tenant). */
export type TokenProvider = (tenantId: string) => Promise<string>;

/** The part of fetch the client uses: always a URL string, so `createFetch()`'s narrower type fits. */
export type GraphFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface GraphClientOptions {
  tokenProvider: TokenProvider;
  /** `https://graph.microsoft.com` (default) or an emulator such as `https://localhost:4444`. */
  baseUrl?: string;
  /** API version segment appended to `baseUrl`; `v1.0` by default. */
  version?: string;
  /**
   * Extra hostnames (no port, no scheme) that may receive the bearer token when an absolute URL
   * (an `@odata.nextLink`) points at them. `baseUrl`'s host and Microsoft's Graph hosts always may.
   */
  customHosts?: Iterable<string>;
  /**
   * The fetch to send with — normally `createFetch({ caPem })` from `server/net/fetch.ts`, an
   * undici fetch that trusts the configured CA on top of the system roots. Defaults to the global.
   */
  fetch?: GraphFetch;
  clock?: Clock;
  random?: Random;
  retry?: Partial<RetryOptions>;
  /** Per-attempt timeout (headers and body), in ms. */
  timeoutMs?: number;
  /** Requests in flight per (tenant, mailbox); Outlook refuses a fifth (§8.2). */
  maxConcurrentPerMailbox?: number;
  /** Requests in flight overall, for this client instance. */
  maxConcurrent?: number;
}

export interface ResolvedGraphClientOptions {
  tokenProvider: TokenProvider;
  /** `baseUrl` + `/` + version, without a trailing slash. */
  apiRoot: string;
  trustedHosts: ReadonlySet<string>;
  fetch: GraphFetch;
  clock: Clock;
  random: Random;
  retry: RetryOptions;
  timeoutMs: number;
  maxConcurrentPerMailbox: number;
  maxConcurrent: number;
}

/** The hosts of Microsoft's national clouds, as the SDK's `GRAPH_URLS` (graph-facts §8.5). */
const GRAPH_HOSTS = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
];

export function resolveOptions(options: GraphClientOptions): ResolvedGraphClientOptions {
  if (typeof options.tokenProvider !== 'function') {
    throw new TypeError('GraphClientOptions.tokenProvider must be a function');
  }
  const base = new URL(options.baseUrl ?? 'https://graph.microsoft.com');
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError(`GraphClientOptions.baseUrl must be an https URL, got ${base.href}`);
  }
  const version = (options.version ?? 'v1.0').replace(/^\/+|\/+$/g, '');
  const trustedHosts = new Set([...GRAPH_HOSTS, base.hostname.toLowerCase()]);
  for (const host of options.customHosts ?? []) {
    if (!/^[a-z0-9.-]+$/i.test(host)) {
      throw new TypeError(
        `GraphClientOptions.customHosts takes bare hostnames (no scheme, no port), got "${host}"`,
      );
    }
    trustedHosts.add(host.toLowerCase());
  }
  const retry = { ...defaultRetryOptions, ...options.retry };
  positive('retry.maxAttempts', retry.maxAttempts);
  positive('retry.baseDelayMs', retry.baseDelayMs);
  const resolved: ResolvedGraphClientOptions = {
    tokenProvider: options.tokenProvider,
    apiRoot: `${base.origin}${base.pathname.replace(/\/+$/, '')}/${version}`,
    trustedHosts,
    fetch: options.fetch ?? globalThis.fetch,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    retry,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxConcurrentPerMailbox: options.maxConcurrentPerMailbox ?? OUTLOOK_MAILBOX_CONCURRENCY,
    maxConcurrent: options.maxConcurrent ?? 64,
  };
  positive('timeoutMs', resolved.timeoutMs);
  positive('maxConcurrentPerMailbox', resolved.maxConcurrentPerMailbox);
  positive('maxConcurrent', resolved.maxConcurrent);
  return resolved;
}

function positive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`GraphClientOptions.${name} must be a positive number, got ${value}`);
  }
}
