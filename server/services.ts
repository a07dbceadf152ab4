// The long-lived services behind the HTTP app: the store, the identity layer (msal-node) and the
// one Graph client, built from configuration alone — the same code for Microsoft's cloud and the emulator.
import { readFile } from 'node:fs/promises';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createConnections, type Connections } from './connections/index.js';
import type { ServiceLogger } from './connections/connection-service.js';
import type { Scheduler } from './connections/monitor.js';
import { GraphClient, systemClock as graphSystemClock } from './microsoft/graph/index.js';
import { MemberRepository } from './domain/member-repository.js';
import type { MembershipDeps } from './domain/membership.js';
import { OrgRepository } from './domain/org-repository.js';
import { createIdentity, type AppCredential, type Identity } from './microsoft/identity/index.js';
import type { Fetch } from './net/fetch.js';
import { createDelegatedAuth } from './personal/delegated-auth.js';
import { PersonalCalendars } from './personal/personal-calendars.js';
import { openLowdbStore, type Store } from './store/index.js';

export interface Services {
  readonly store: Store;
  readonly identity: Identity;
  readonly graph: GraphClient;
  readonly orgs: OrgRepository;
  readonly members: MemberRepository;
  /** Quorum's own multi-tenant app credential (the "platform" credential of DESIGN §3). */
  readonly platformCredential: AppCredential;
  /** Tenant connections: lifecycle, consent, discovery, alerts, periodic checks. */
  readonly connections: Connections;
  /**
   * What `requireMembership` needs, discovery included (Teams-admin-center consent connects a
   * tenant on its first sign-in): mount `requireMembership(services.membership)`.
   */
  readonly membership: MembershipDeps;
  /** Outbound HTTP trusting the configured CA (Entra, Graph, and anything else Quorum calls). */
  readonly fetch: Fetch;
  /** Members' personal calendar connections (delegated OAuth, DESIGN J3). */
  readonly personalCalendars: PersonalCalendars;
  /** Flushes and closes what holds resources (the store's pending writes and its lock). */
  close(): Promise<void>;
}

export interface ServicesOptions {
  config: Config;
  fetch: Fetch;
  clock: Clock;
  /** Told about background store write failures (retried by the store). */
  onStoreWriteError?: (error: unknown) => void;
  /** Where connection checks, discovery and alert deliveries log; silent when absent. */
  logger?: ServiceLogger;
  /** Timers of the periodic connection check (started by `main`, never in tests unless asked). */
  scheduler?: Scheduler;
  /**
   * Which app credential reaches Graph in a tenant. Defaults to the tenant's connection: Quorum's
   * own credential for platform connections, the stored secret or key for bring-your-own ones;
   * disabled or missing connections are refused with `ConnectionUnavailableError`.
   */
  credentialFor?: (tenantId: string) => Promise<AppCredential>;
}

const silentLogger: ServiceLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Reads Quorum's app credential named by the configuration (a secret, or a certificate and its key). */
export async function readPlatformCredential(config: Config): Promise<AppCredential> {
  const credential = config.clientCredential;
  if (credential.kind === 'secret') {
    return { kind: 'secret', clientId: config.clientId, secret: credential.secret };
  }
  const [certificatePem, privateKeyPem] = await Promise.all([
    readFile(credential.certFile, 'utf8'),
    readFile(credential.keyFile, 'utf8'),
  ]);
  return { kind: 'certificate', clientId: config.clientId, certificatePem, privateKeyPem };
}

/** Opens the store and builds the identity layer and the Graph client. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const { config, fetch, clock } = options;
  const platformCredential = await readPlatformCredential(config);
  const store = await openLowdbStore({
    dataDir: config.dataDir,
    keyringFile: config.keyringFile,
    secretKey: config.secretKeyBase64 ?? undefined,
    now: () => new Date(clock.now()),
    onWriteError: options.onStoreWriteError,
  });
  const identity = createIdentity({
    authorityHost: config.authorityHost,
    fetch,
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const now = () => new Date(clock.now());
  const orgs = new OrgRepository(store, now);
  const members = new MemberRepository(store);
  const connections = createConnections({
    config,
    store,
    orgs,
    members,
    identity,
    platformCredential,
    fetch,
    clock: { now: () => clock.now(), sleep: graphSystemClock.sleep },
    logger: options.logger ?? silentLogger,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  });
  const credentialFor = options.credentialFor ?? connections.credentialFor;
  const graph = new GraphClient({
    baseUrl: config.graphBaseUrl,
    fetch,
    tokenProvider: async (tenantId) =>
      (await identity.getGraphToken(await credentialFor(tenantId), tenantId)).token,
  });
  const personalCalendars = new PersonalCalendars({
    store,
    members,
    auth: createDelegatedAuth({
      authorityHost: config.authorityHost,
      credential: platformCredential,
      fetch,
      clock,
    }),
    publicUrl: config.publicUrl,
    graphBaseUrl: config.graphBaseUrl,
    fetch,
    now: () => clock.now(),
  });
  return {
    store,
    identity,
    graph,
    orgs,
    members,
    platformCredential,
    fetch,
    personalCalendars,
    connections,
    membership: {
      orgs,
      members,
      now,
      discoverTenant: connections.discovery.discoverTenant,
      ensureTenantConnection: connections.discovery.ensureTenantConnection,
    },
    async close() {
      await connections.close();
      await store.close();
    },
  };
}
