// Quorum's real server, in-process, against the in-process emulator: the configuration `npm start`
// uses (emulator URLs, the emulator CA, Quorum's local app secret), a temp data dir, every feature
// route, and user tokens minted by the emulator exactly as its authorize flow would issue them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createDeps } from '../../server/main.js';
import { issueServerCertificate } from '../../emulator/tls/ca.js';
import type { Services } from '../../server/services.js';
import { captureLogs } from './log-capture.js';
import { control, startEmulator, type TestEmulator } from './emulator.js';
import { listenOnEphemeralPort } from './http.js';

export interface TestQuorum {
  emulator: TestEmulator;
  /** `http://127.0.0.1:port` of Quorum. */
  url: string;
  /**
   * With `https: true`: `https://localhost:port`, Quorum's public URL (certificate from the emulator
   * CA), where a browser loads the UI and redirects come back. Otherwise null.
   */
  httpsUrl: string | null;
  config: Config;
  services: Services;
  /** Captured server log text (to check that secrets never appear). */
  logs(): string;
  /** A v2 access token for Quorum's API for `upn` of `tenant` (domain or id). */
  tokenFor(tenant: string, upn: string): Promise<string>;
  /** Calls Quorum's API as `upn`; JSON body in and out. */
  api<T = unknown>(
    as: { tenant: string; upn: string } | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; headers: Headers; body: T }>;
  close(): Promise<void>;
}

export interface StartQuorumOptions {
  /** Reuse a running emulator (it is then not closed with Quorum). */
  emulator?: TestEmulator;
  env?: Record<string, string>;
  /** Also serve HTTPS on localhost and make that Quorum's public URL (browser tests). */
  https?: boolean;
}

/** An HTTPS server on localhost with a certificate from the emulator's CA; the app is attached later. */
async function listenHttps(emulator: TestEmulator): Promise<{ server: https.Server; url: string }> {
  const cert = await issueServerCertificate(emulator.ca, ['localhost', '127.0.0.1']);
  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `https://localhost:${port}` };
}

export async function startQuorum(options: StartQuorumOptions = {}): Promise<TestQuorum> {
  const ownEmulator = !options.emulator;
  const emulator = options.emulator ?? (await startEmulator());
  const dir = await mkdtemp(join(tmpdir(), 'quorum-it-'));
  const caFile = join(dir, 'emulator-ca.pem');
  await writeFile(caFile, emulator.ca.certPem);
  const baseEnv = {
    QUORUM_AUTHORITY_HOST: emulator.loginUrl,
    QUORUM_GRAPH_BASE_URL: emulator.graphUrl,
    QUORUM_CA_FILE: caFile,
    QUORUM_CLIENT_ID: emulator.quorumApp.clientId,
    QUORUM_CLIENT_SECRET: emulator.quorumApp.clientSecret,
    QUORUM_DATA_DIR: join(dir, 'data'),
    QUORUM_HTTP_PORT: '0',
    QUORUM_LOG_LEVEL: 'info',
    QUORUM_ALLOW_PRIVATE_WEBHOOKS: 'true',
    QUORUM_PUBLIC_URL: emulator.quorumApp.publicUrl,
  };
  const secure = options.https ? await listenHttps(emulator) : null;
  const config = loadConfig({
    ...baseEnv,
    // The app registration's identifier URI names the emulator's idea of Quorum's host, not ours.
    ...(secure
      ? {
          QUORUM_PUBLIC_URL: secure.url,
          QUORUM_API_APP_ID_URI: `api://${new URL(emulator.quorumApp.publicUrl).host}/${emulator.quorumApp.clientId}`,
        }
      : {}),
    ...options.env,
  });
  const logs = captureLogs();
  const deps = await createDeps(config, logs.logger);
  const app = createApp(deps);
  const listening = await listenOnEphemeralPort(app);
  secure?.server.on('request', app);
  const url = listening.url;

  async function tokenFor(tenant: string, upn: string): Promise<string> {
    const { status, body } = await control<{ access_token: string }>(
      emulator,
      'POST',
      '/tokens/user',
      {
        tenant,
        upn,
      },
    );
    if (status !== 200 && status !== 201)
      throw new Error(`token for ${upn}: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  return {
    emulator,
    url,
    httpsUrl: secure?.url ?? null,
    config,
    services: deps.services,
    logs: logs.text,
    tokenFor,
    async api<T>(
      as: { tenant: string; upn: string } | null,
      method: string,
      path: string,
      body?: unknown,
    ) {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = `Bearer ${await tokenFor(as.tenant, as.upn)}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (HTML pages, CSV): keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed as T };
    },
    async close() {
      if (secure) {
        secure.server.closeAllConnections();
        await new Promise<void>((resolve) => secure.server.close(() => resolve()));
      }
      await listening.close();
      await deps.services.close();
      if (ownEmulator) await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
