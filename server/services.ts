// The long-lived services behind the HTTP app: the store, the identity layer (msal-node) and the
// one Graph client, built from configuration alone — the same code for Microsoft's cloud and the emulator.
import { readFile } from 'node:fs/promises';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { GraphClient } from './microsoft/graph/index.js';
import { MemberRepository } from './domain/member-repository.js';
import type { MembershipDeps } from './domain/membership.js';
import { OrgRepository } from './domain/org-repository.js';
import { createIdentity, type AppCredential, type Identity } from './microsoft/identity/index.js';
import type { Fetch } from './net/fetch.js';
import { openLowdbStore, type Store } from './store/index.js';

export interface Services {
  readonly store: Store;
  readonly identity: Identity;
  readonly graph: GraphClient;
  readonly orgs: OrgRepository;
  readonly members: MemberRepository;
  /** Quorum's own multi-tenant app credential (the "platform" credential of DESIGN §3). */
  readonly platformCredential: AppCredential;
  /** What `requireMembership` needs: mount `requireMembership(services.membership)`. */
  readonly membership: MembershipDeps;
  /** Flushes and closes what holds resources (the store's pending writes and its lock). */
  close(): Promise<void>;
}

export interface ServicesOptions {
  config: Config;
  fetch: Fetch;
  clock: Clock;
  /** Told about background store write failures (retried by the store). */
  onStoreWriteError?: (error: unknown) => void;
  /**
   * Which app credential reaches Graph in a tenant. Defaults to the platform credential; tenant
   * connections that bring their own app registration replace it.
   */
  credentialFor?: (tenantId: string) => Promise<AppCredential>;
}

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
  const identity = createIdentity({ authorityHost: config.authorityHost, fetch, clock });
  const credentialFor = options.credentialFor ?? (() => Promise.resolve(platformCredential));
  const graph = new GraphClient({
    baseUrl: config.graphBaseUrl,
    fetch,
    tokenProvider: async (tenantId) =>
      (await identity.getGraphToken(await credentialFor(tenantId), tenantId)).token,
  });
  const now = () => new Date(clock.now());
  const orgs = new OrgRepository(store, now);
  const members = new MemberRepository(store);
  return {
    store,
    identity,
    graph,
    orgs,
    members,
    platformCredential,
    membership: { orgs, members, now },
    close: () => store.close(),
  };
}
