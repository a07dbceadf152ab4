// Tenant connections, assembled: credential resolution for the Graph client, the lifecycle service,
// Teams-admin-center discovery, the activation link's consent flow, alerts and periodic checks.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { OrgRepository } from '../domain/org-repository.js';
import type { Caller } from '../http/auth/caller.js';
import { GraphClient, type Clock } from '../microsoft/graph/index.js';
import type { AppCredential, Identity } from '../microsoft/identity/index.js';
import type { Fetch } from '../net/fetch.js';
import type { Store } from '../store/index.js';
import { deliverAlerts, rotateAlertSigningSecret } from './alert-webhook.js';
import { connectionAlerts, type ConnectionAlert } from './alerts.js';
import { ConnectionService, type ServiceLogger } from './connection-service.js';
import { ConsentFlow } from './consent-flow.js';
import { ConsentStates } from './consent-state.js';
import { CredentialResolver } from './credential-resolver.js';
import { createTenantDiscovery, type TenantDiscovery } from './discovery.js';
import {
  createConnectionMonitor,
  intervalScheduler,
  type ConnectionMonitor,
  type Scheduler,
} from './monitor.js';
import { probeTenant, type ProbeInput, type ProbeResult } from './probe.js';
import type { HostLookup } from '../notifications/webhook-url.js';

export { connectionAlerts, type ConnectionAlert } from './alerts.js';
export { rotateAlertSigningSecret, signatureOf } from './alert-webhook.js';
export { ConnectionUnavailableError } from './errors.js';
export { connectionView, type ConnectionView } from './connection-records.js';
export type { ConnectionService } from './connection-service.js';
export type { ConsentFlow } from './consent-flow.js';

export interface ConnectionsOptions {
  config: Pick<
    Config,
    | 'authorityHost'
    | 'graphBaseUrl'
    | 'clientId'
    | 'publicUrl'
    | 'apiAppIdUri'
    | 'allowPrivateWebhooks'
    | 'verifyRetrySeconds'
    | 'caFile'
  >;
  store: Store;
  orgs: OrgRepository;
  members: MemberRepository;
  identity: Identity;
  platformCredential: AppCredential;
  fetch: Fetch;
  clock: Clock;
  logger: ServiceLogger;
  /** Periodic verification interval. Default one hour. */
  monitorIntervalMs?: number;
  scheduler?: Scheduler;
  /** DNS for webhook deliveries (tests resolve names to chosen addresses). */
  lookup?: HostLookup;
  /** Replaces the probe (unit tests of the lifecycle). */
  probe?: (input: ProbeInput) => Promise<ProbeResult>;
}

export interface Connections {
  readonly service: ConnectionService;
  readonly discovery: TenantDiscovery;
  readonly monitor: ConnectionMonitor;
  /** The credential Graph uses in a tenant; throws `ConnectionUnavailableError` when none may. */
  credentialFor(tenantId: string): Promise<AppCredential>;
  /**
   * Asks Entra for a new Graph token for the tenant, past msal's cache. msal stores it, so the Graph
   * client's next call sends it: a permission granted or removed a moment ago shows at once.
   * Throws what `credentialFor` and the identity layer throw.
   */
  refreshGraphToken(tenantId: string): Promise<void>;
  /** The activation link flow; it verifies the tenant admin's sign-in with `verifyUserToken`. */
  consentFlow(verifyUserToken: (token: string) => Promise<Caller>): ConsentFlow;
  /** The org's current alerts. */
  alerts(orgId: string): Promise<ConnectionAlert[]>;
  /** Sends the org's alerts not sent yet to its webhook. */
  dispatchAlerts(orgId: string): Promise<void>;
  /** A new alert signing secret for the org; the only time its plaintext is shown. */
  rotateAlertSigningSecret(orgId: string): Promise<string>;
  /** Resolves once background verification and deliveries are done (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createConnections(options: ConnectionsOptions): Connections {
  const { config, store, orgs, members, identity, platformCredential, clock, logger } = options;
  const resolver = new CredentialResolver({ store, orgs, platformCredential });
  const probe =
    options.probe ??
    ((input: ProbeInput) =>
      probeTenant(
        {
          identity,
          graphWithToken: (token) =>
            new GraphClient({
              baseUrl: config.graphBaseUrl,
              fetch: options.fetch,
              clock,
              tokenProvider: () => Promise.resolve(token),
              // A probe answers an admin: a few quick retries, then the verification loop decides.
              retry: { maxAttempts: 3, maxTotalWaitMs: 10_000, maxSingleWaitMs: 5_000 },
            }),
        },
        input,
      ));
  const windowMs = config.verifyRetrySeconds * 1000;
  let dispatch: (orgId: string) => void = () => undefined;
  const service = new ConnectionService({
    store,
    orgs,
    members,
    identity,
    platformCredential,
    resolver,
    probe,
    clock,
    retryWindowMs: windowMs,
    inlineWaitMs: 20_000,
    logger,
    onHealthChange: (orgId) => dispatch(orgId),
  });
  const discovery = createTenantDiscovery({
    store,
    orgs,
    service,
    platformCredential,
    probe,
    now: () => clock.now(),
    logger,
  });
  const states = new ConsentStates({ store, now: () => clock.now() });

  async function alerts(orgId: string): Promise<ConnectionAlert[]> {
    const org = await orgs.get(orgId);
    if (!org) return [];
    return connectionAlerts(org, await orgs.listConnections(orgId), new Date(clock.now()));
  }

  // The extra CA (the emulator's, locally) that webhook receivers may chain to, read once.
  let caPem: Promise<string | undefined> | undefined;
  const readCaPem = () =>
    (caPem ??= config.caFile ? readFile(config.caFile, 'utf8') : Promise.resolve(undefined));

  /** One delivery round per org at a time, so an alert raised twice at once is still sent once. */
  const rounds = new Map<string, Promise<void>>();
  function dispatchAlerts(orgId: string): Promise<void> {
    const previous = rounds.get(orgId) ?? Promise.resolve();
    const next = previous.then(
      () => deliverRound(orgId),
      () => deliverRound(orgId),
    );
    rounds.set(orgId, next);
    const forget = () => {
      if (rounds.get(orgId) === next) rounds.delete(orgId);
    };
    next.then(forget, forget);
    return next;
  }

  async function deliverRound(orgId: string): Promise<void> {
    const org = await orgs.get(orgId);
    if (!org) return;
    const current = await alerts(orgId);
    const report = await deliverAlerts(
      {
        store,
        config,
        now: () => clock.now(),
        caPem: readCaPem,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      },
      orgId,
      org.settings.alertWebhookUrl,
      current,
    );
    for (const id of report.sent) {
      const alert = current.find((a) => a.id === id);
      await store.appendAudit(orgId, {
        actor: 'system',
        action: 'alert.sent',
        target: `connection:${alert?.connectionId ?? ''}`,
        detail: { alertId: id, kind: alert?.kind },
      });
    }
    for (const failure of report.failed) {
      logger.warn(
        { orgId, alertId: failure.id, error: failure.error },
        'alert webhook delivery failed',
      );
    }
  }
  dispatch = (orgId) => {
    service.tasks
      .run(() => dispatchAlerts(orgId))
      .catch((error: unknown) => logger.error({ err: error, orgId }, 'alert dispatch failed'));
  };

  const monitor = createConnectionMonitor({
    store,
    service,
    dispatchAlerts,
    intervalMs: options.monitorIntervalMs ?? 60 * 60_000,
    scheduler: options.scheduler ?? intervalScheduler,
    logger,
  });

  return {
    service,
    discovery,
    monitor,
    credentialFor: (tenantId) => resolver.credentialFor(tenantId),
    async refreshGraphToken(tenantId) {
      const credential = await resolver.credentialFor(tenantId);
      await identity.getGraphToken(credential, tenantId, { skipCache: true });
    },
    consentFlow: (verifyUserToken) =>
      new ConsentFlow({
        states,
        store,
        orgs,
        members,
        service,
        verifyUserToken,
        signIn: {
          authorityHost: config.authorityHost,
          clientId: config.clientId,
          redirectUri: `${config.publicUrl}/consent/callback`,
          apiScope: `${config.apiAppIdUri}/access_as_user`,
          credential: platformCredential,
          fetch: options.fetch,
          now: () => clock.now(),
        },
      }),
    alerts,
    dispatchAlerts,
    rotateAlertSigningSecret: (orgId) => rotateAlertSigningSecret(store, orgId),
    idle: () => service.tasks.idle(),
    async close() {
      monitor.stop();
      await service.close();
    },
  };
}
