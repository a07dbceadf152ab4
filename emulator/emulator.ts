// Starts the local Microsoft 365: an emulated login.microsoftonline.com and graph.microsoft.com,
// each on its own HTTPS port, both serving the same world. Tests start it in-process; Quorum's
// server only ever reaches it over HTTPS, exactly as it reaches Microsoft.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import type { EmulatorContext, QuorumAppInfo } from './context.js';
import { createEntraControls } from './control/entra-controls.js';
import { createGraphControls } from './control/graph-controls.js';
import { createEntraRouter } from './entra/router.js';
import { createGraphRouter } from './graph/router.js';
import { graphState } from './graph/state.js';
import { closeSubscriptions } from './graph/subscriptions-delivery.js';
import { SigningKeys } from './keys/signing-keys.js';
import {
  createCertificateAuthority,
  issueServerCertificate,
  loadOrCreateCertificateAuthority,
  type CertificateAuthority,
} from './tls/ca.js';
import { loadAppFromManifest } from './world/app-manifest.js';
import { expandTenantScenario, readScenarioFile } from './world/scenario.js';
import type { AppRegistration, Tenant } from './world/types.js';
import { World } from './world/world.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

/** Fixed identities of the local Quorum app registration (only ever valid in the emulator). */
export const LOCAL_QUORUM_APP = {
  clientId: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43',
  objectId: '8b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  accessAsUserScopeId: 'c6a1e2f3-9b8d-4c7e-a5f4-3e2d1c0b9a87',
  clientSecret: 'qrm~LocalEmulatorOnly.0000000000000000000',
  homeTenantId: '9a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
} as const;

export interface EmulatorOptions {
  /** Host name both listeners bind to and put in their URLs. Default `localhost`. */
  host?: string;
  /** 0 picks a free port. Defaults 0. */
  loginPort?: number;
  graphPort?: number;
  /** Keep the CA here across runs (so a browser can trust it once); otherwise a fresh CA per start. */
  stateDir?: string;
  /** Use this CA instead of creating or loading one. */
  ca?: CertificateAuthority;
  /** Scenario files to load; default every `emulator/scenarios/*.json`. */
  scenarioFiles?: string[];
  /** Extra tenants (e.g. generated ones) added after the scenario files. */
  extraTenants?: Tenant[];
  /** Quorum's Entra app manifest; default `appPackage/aad.manifest.json`. */
  appManifest?: string;
  /** Where Quorum is served, for its registered redirect URIs. Default `https://localhost:3443`. */
  quorumPublicUrl?: string;
  now?: () => number;
}

export interface Emulator extends EmulatorContext {
  ca: CertificateAuthority;
  close(): Promise<void>;
}

async function defaultScenarioFiles(): Promise<string[]> {
  const dir = path.join(here, 'scenarios');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return names.map((n) => path.join(dir, n));
}

async function buildWorld(options: EmulatorOptions, quorumApp: QuorumAppInfo, now: () => number) {
  const files = options.scenarioFiles ?? (await defaultScenarioFiles());
  const tenants: Tenant[] = [];
  const consents: { tenantId: string; appId: string; roles?: string[] }[] = [];
  const scenarioCalendars = new Map<string, unknown>();
  for (const file of files) {
    const { tenant, consents: c, calendars } = expandTenantScenario(await readScenarioFile(file));
    tenants.push(tenant);
    consents.push(...c.map((x) => ({ tenantId: tenant.id, ...x })));
    if (calendars !== undefined) scenarioCalendars.set(tenant.id, calendars);
  }
  tenants.push(...(options.extraTenants ?? []));
  const publicUrl = new URL(quorumApp.publicUrl);
  const app: AppRegistration = await loadAppFromManifest(
    options.appManifest ?? path.join(repoRoot, 'appPackage', 'aad.manifest.json'),
    {
      homeTenantId: quorumApp.homeTenantId,
      placeholders: {
        AAD_APP_CLIENT_ID: quorumApp.clientId,
        AAD_APP_OBJECT_ID: LOCAL_QUORUM_APP.objectId,
        AAD_APP_ACCESS_AS_USER_PERMISSION_ID: LOCAL_QUORUM_APP.accessAsUserScopeId,
        TAB_DOMAIN: publicUrl.host,
        TAB_ENDPOINT: publicUrl.origin,
      },
      secrets: [
        {
          keyId: 'b0c1d2e3-f4a5-4b6c-9d8e-7f6a5b4c3d2e',
          displayName: 'local emulator secret',
          value: quorumApp.clientSecret,
          hint: quorumApp.clientSecret.slice(0, 3),
          startDateTime: new Date(now() - 86_400_000).toISOString(),
          endDateTime: new Date(now() + 730 * 86_400_000).toISOString(),
        },
      ],
    },
  );
  const world = new World({ tenants, apps: [app] }, now);
  for (const c of consents) {
    const tenant = world.findTenant(c.tenantId);
    const consented = world.findApp(c.appId);
    if (!tenant || !consented) throw new Error(`scenario consent names unknown app ${c.appId}`);
    world.grantAdminConsent(tenant, consented, c.roles ?? consented.requiredAppRoles);
  }
  return { world, scenarioCalendars };
}

/** The control API answers every failure, malformed JSON included, as JSON `{error, message}`. */
const controlErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status = (error as { status?: number }).status ?? 500;
  const message = error instanceof Error ? error.message : String(error);
  res.status(status >= 400 && status < 600 ? status : 500).json({
    error: status < 500 ? 'bad_request' : 'internal_error',
    message,
  });
};

function listen(server: https.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the emulator; resolves once both HTTPS listeners accept connections. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? 'localhost';
  const now = options.now ?? Date.now;
  const ca =
    options.ca ??
    (options.stateDir
      ? await loadOrCreateCertificateAuthority(options.stateDir)
      : await createCertificateAuthority());
  const tls = await issueServerCertificate(ca, [host, '127.0.0.1', '::1']);
  const quorumApp: QuorumAppInfo = {
    clientId: LOCAL_QUORUM_APP.clientId,
    clientSecret: LOCAL_QUORUM_APP.clientSecret,
    homeTenantId: LOCAL_QUORUM_APP.homeTenantId,
    publicUrl: options.quorumPublicUrl ?? 'https://localhost:3443',
  };
  const { world, scenarioCalendars } = await buildWorld(options, quorumApp, now);
  const keys = await SigningKeys.create();

  const ctx: EmulatorContext = {
    world,
    keys,
    now,
    loginUrl: '',
    graphUrl: '',
    quorumApp,
    scenarioCalendars,
  };

  const loginApp = express();
  const graphApp = express();
  for (const app of [loginApp, graphApp]) {
    app.disable('x-powered-by');
    app.set('etag', false);
    app.use(
      '/_emulator',
      express.json({ limit: '5mb' }),
      createEntraControls(ctx),
      createGraphControls(ctx),
      controlErrors,
    );
  }
  loginApp.use(createEntraRouter(ctx));
  graphApp.use(createGraphRouter(ctx));

  const loginServer = https.createServer({ cert: tls.certPem, key: tls.keyPem }, loginApp);
  const graphServer = https.createServer({ cert: tls.certPem, key: tls.keyPem }, graphApp);
  const loginPort = await listen(loginServer, host, options.loginPort ?? 0);
  const graphPort = await listen(graphServer, host, options.graphPort ?? 0);
  ctx.loginUrl = `https://${host}:${loginPort}`;
  ctx.graphUrl = `https://${host}:${graphPort}`;

  return Object.assign(ctx, {
    ca,
    async close() {
      await closeSubscriptions(graphState(ctx));
      await Promise.all([close(loginServer), close(graphServer)]);
    },
  });
}
