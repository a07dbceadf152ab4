// App-only Microsoft Graph tokens for every customer tenant: one msal ConfidentialClientApplication per
// credential, the tenant chosen per request, so msal keeps one cached token per (credential, tenant).
import { randomUUID } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import { systemClock, type Clock } from '../../clock.js';
import type { Fetch } from '../../net/fetch.js';
import {
  credentialKey,
  prepareCredential,
  type AppCredential,
  type PreparedCredential,
} from './credentials.js';
import { IdentityError } from './errors.js';
import { throttleSecondsFor, toIdentityError, type ThrottleRecord } from './map-error.js';
import { RecordingNetworkClient } from './network-client.js';
import { readGraphTokenClaims } from './token-claims.js';

/** Where log lines go; pino's logger fits. Nothing logged carries a token, secret or key. */
export interface IdentityLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface IdentityOptions {
  /**
   * Origin of the Entra ID authority: `https://login.microsoftonline.com`, or the emulator's login URL.
   * Must be `https:` with no path (msal refuses other schemes).
   */
  readonly authorityHost: string;
  /** The one resource scope requested. Default `https://graph.microsoft.com/.default`. */
  readonly graphScope?: string;
  /** Outbound HTTP; pass `createFetch({ caPem })` so a private CA (the emulator's) is trusted. */
  readonly fetch: Fetch;
  readonly logger?: IdentityLogger;
  /** Decides whether a certificate has expired and how long a throttle lasts. msal keeps its own time. */
  readonly clock?: Clock;
  /** Milliseconds before a request to Entra is abandoned. Default 15 s. */
  readonly requestTimeoutMs?: number;
}

/** An app-only access token for Microsoft Graph in one tenant. */
export interface AccessToken {
  readonly token: string;
  readonly expiresOn: Date;
  /** True when msal answered from its cache without asking Entra. */
  readonly fromCache: boolean;
  /** The token's `tid` (a GUID even when a domain was asked for). */
  readonly tenantId: string;
  /** Application permissions granted in that tenant, from the token's `roles`. Information only. */
  readonly roles: readonly string[];
}

export interface GetGraphTokenOptions {
  /** Ask Entra even when msal holds a valid token (verification, re-checks, after rotation). */
  readonly skipCache?: boolean;
}

/**
 * Transient failures (`ERR_IDENTITY_UNAVAILABLE`) come with `retryAfterSeconds`. After Entra answers
 * 429, any 5xx, or any status with `Retry-After`, msal refuses the same (credential, tenant) request
 * locally — `skipCache` included — for Retry-After seconds (60 when absent or 0, at most 3600); those
 * refusals carry `throttledLocally: true`. Callers should wait `retryAfterSeconds` rather than loop;
 * `forgetCredential` drops the throttle with the instance and is meant for rotation, not for retrying.
 */
export interface Identity {
  /** A Graph token for `tenantId` (GUID or verified domain), from msal's cache when still valid. */
  getGraphToken(
    credential: AppCredential,
    tenantId: string,
    options?: GetGraphTokenOptions,
  ): Promise<AccessToken>;
  /** Proves the credential works in the tenant now: always a request to Entra. */
  verifyCredential(credential: AppCredential, tenantId: string): Promise<AccessToken>;
  /** Drops the msal instance (cached tokens, throttle) of this exact credential. */
  forgetCredential(credential: AppCredential): boolean;
  /** Drops every msal instance of this client id (after rotation, or when a connection is deleted). */
  forgetClient(clientId: string): number;
}

const DEFAULT_GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** msal refuses these for client credentials, and Entra answers AADSTS9001023; never send them. */
const TENANTLESS = new Set(['common', 'organizations', 'consumers']);

interface ClientEntry {
  readonly credential: PreparedCredential;
  readonly app: ConfidentialClientApplication;
  readonly network: RecordingNetworkClient;
  /** Concurrent cached-path requests per tenant share one acquisition. */
  readonly inflight: Map<string, Promise<AccessToken>>;
  readonly throttles: Map<string, ThrottleRecord>;
}

/** Builds the identity layer. Options are checked here, once; misuse throws `TypeError`. */
export function createIdentity(options: IdentityOptions): Identity {
  const origin = authorityOrigin(options.authorityHost);
  const scope = options.graphScope ?? DEFAULT_GRAPH_SCOPE;
  if (!/^https:\/\/\S+\/\.default$/.test(scope)) {
    throw new TypeError('graphScope must be a {resource}/.default scope');
  }
  if (typeof options.fetch !== 'function') throw new TypeError('fetch must be a function');
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const entries = new Map<string, ClientEntry>();

  function entryFor(credential: AppCredential, tenantId: string): ClientEntry {
    const key = credentialKey(credential);
    const existing = entries.get(key);
    if (existing) return existing;
    const prepared = prepareCredential(credential, tenantId);
    const network = new RecordingNetworkClient({ fetch: options.fetch, timeoutMs });
    const entry: ClientEntry = {
      credential: prepared,
      app: new ConfidentialClientApplication(msalConfiguration(origin, prepared, network, logger)),
      network,
      inflight: new Map(),
      throttles: new Map(),
    };
    entries.set(key, entry);
    return entry;
  }

  async function acquire(
    entry: ClientEntry,
    tenant: string,
    skipCache: boolean,
  ): Promise<AccessToken> {
    const { clientId } = entry.credential;
    const correlationId = randomUUID();
    try {
      const result = await entry.app.acquireTokenByClientCredential({
        scopes: [scope],
        authority: `${origin}/${tenant}`,
        skipCache,
        correlationId,
      });
      entry.network.takePost(correlationId);
      if (!result?.accessToken) {
        throw new IdentityError(
          'ERR_IDENTITY_UNKNOWN',
          'Entra ID answered without an access token.',
          {
            clientId,
            tenantId: tenant,
            correlationId,
          },
        );
      }
      entry.throttles.delete(tenant);
      const claims = readGraphTokenClaims(result.accessToken);
      const token: AccessToken = {
        token: result.accessToken,
        expiresOn: result.expiresOn ?? new Date(claims.expiresAt ?? clock.now()),
        fromCache: result.fromCache,
        tenantId: claims.tenantId ?? tenant,
        roles: claims.roles,
      };
      logger?.debug(
        { clientId, tenantId: token.tenantId, fromCache: token.fromCache, correlationId },
        'graph token acquired',
      );
      return token;
    } catch (cause) {
      const post = entry.network.takePost(correlationId);
      const now = clock.now();
      const error = toIdentityError(cause, {
        credential: entry.credential,
        tenantId: tenant,
        correlationId,
        now,
        post,
        metadataFailure: post ? undefined : entry.network.lastGetFailure,
        throttle: entry.throttles.get(tenant),
      });
      rememberThrottle(entry, tenant, post, error, now);
      // A local throttle replay repeats a failure already logged; keep sweeps from flooding the log.
      if (error.throttledLocally)
        logger?.debug({ err: error.toJSON() }, 'graph token refused by msal throttle');
      else logger?.warn({ err: error.toJSON() }, 'graph token request failed');
      throw error;
    }
  }

  function getGraphToken(
    credential: AppCredential,
    tenantId: string,
    getOptions: GetGraphTokenOptions = {},
  ): Promise<AccessToken> {
    let tenant: string;
    let entry: ClientEntry;
    try {
      tenant = tenantKey(credential, tenantId);
      entry = entryFor(credential, tenant);
    } catch (error) {
      return Promise.reject(error);
    }
    if (getOptions.skipCache) return acquire(entry, tenant, true);
    const pending = entry.inflight.get(tenant);
    if (pending) return pending;
    const promise = acquire(entry, tenant, false).finally(() => {
      if (entry.inflight.get(tenant) === promise) entry.inflight.delete(tenant);
    });
    entry.inflight.set(tenant, promise);
    return promise;
  }

  return {
    getGraphToken,
    verifyCredential: (credential, tenantId) =>
      getGraphToken(credential, tenantId, { skipCache: true }),
    forgetCredential: (credential) => entries.delete(credentialKey(credential)),
    forgetClient(clientId) {
      const prefix = `${clientId.toLowerCase()}#`;
      let dropped = 0;
      for (const key of [...entries.keys()]) {
        if (key.startsWith(prefix) && entries.delete(key)) dropped += 1;
      }
      return dropped;
    },
  };
}

/**
 * Mirrors msal's throttle cache (ThrottlingUtils.postProcess): after 429, 5xx or any Retry-After,
 * msal replays the failure locally for the throttle time; the record lets a replay say how long.
 */
function rememberThrottle(
  entry: ClientEntry,
  tenant: string,
  post: ReturnType<RecordingNetworkClient['takePost']>,
  error: IdentityError,
  now: number,
): void {
  if (post?.status === undefined) return;
  const retryAfter = post.headers?.['retry-after'];
  if (post.status !== 429 && post.status < 500 && retryAfter === undefined) return;
  entry.throttles.set(tenant, {
    until: now + throttleSecondsFor(retryAfter) * 1000,
    status: post.status,
    msalErrorCode: error.msalErrorCode,
  });
}

export function msalConfiguration(
  origin: string,
  credential: PreparedCredential,
  network: RecordingNetworkClient,
  logger: IdentityLogger | undefined,
): Configuration {
  return {
    auth: {
      clientId: credential.clientId,
      // Every request names its tenant; this default is never used for a token.
      authority: `${origin}/organizations`,
      // Listing the host (with its port) skips cloud instance discovery: the same path for
      // login.microsoftonline.com (msal's built-in endpoints) and the emulator (its openid-configuration).
      knownAuthorities: [new URL(origin).host],
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret }
        : {
            clientCertificate: {
              // SHA-256 thumbprint → PS256 assertion with `x5t#S256`, as Entra recommends.
              thumbprintSha256: credential.certificate.thumbprintSha256,
              privateKey: credential.privateKeyPem,
              // `x5c` lets subject-name/issuer (SNI) registrations validate the chain; others ignore it.
              x5c: credential.certificatePem,
            },
          }),
    },
    system: {
      networkClient: network,
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message) => {
          logger?.debug({ msalLevel: LogLevel[level] }, message);
        },
      },
    },
  };
}

export function authorityOrigin(authorityHost: string): string {
  let url: URL;
  try {
    url = new URL(authorityHost);
  } catch {
    throw new TypeError('authorityHost must be an absolute URL');
  }
  if (url.protocol !== 'https:') throw new TypeError('authorityHost must be an https: URL');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new TypeError(
      'authorityHost must be an origin, such as https://login.microsoftonline.com',
    );
  }
  return url.origin;
}

/** The tenant as msal's cache and throttle key it: lower case, a GUID or a domain, never tenantless. */
function tenantKey(credential: AppCredential, tenantId: string): string {
  const tenant = typeof tenantId === 'string' ? tenantId.trim().toLowerCase() : '';
  if (TENANTLESS.has(tenant) || !(GUID.test(tenant) || DOMAIN.test(tenant))) {
    throw new IdentityError(
      'ERR_IDENTITY_TENANT_INVALID',
      TENANTLESS.has(tenant)
        ? `App-only tokens need a specific tenant, not '${tenant}'.`
        : 'The tenant must be a tenant id (GUID) or a verified domain.',
      { clientId: credential.clientId, tenantId: String(tenantId) },
    );
  }
  return tenant;
}
