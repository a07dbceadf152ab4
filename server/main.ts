// Entry point: read config, wire dependencies, build the app, listen on HTTP and HTTPS, shut down gracefully.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createApp, type AppDeps } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createJwksCache } from './http/auth/jwks-cache.js';
import { createEntraTokenVerifier } from './http/auth/token-verifier.js';
import { withVerifiedTokenCache } from './http/auth/verified-token-cache.js';
import { createLogger } from './http/logging.js';
import { createFetch } from './net/fetch.js';
import { featureRoutes } from './http/routes/index.js';
import { createServices } from './services.js';
import { directoryRuntime } from './directory/runtime.js';
import { recoverPendingMeetings, startMeetingJobs } from './scheduling/meetings/index.js';
import { closeNotifications, notificationsRuntime } from './notifications/runtime.js';
import { closeOrgEvents, resumeOrgEvents } from './scheduling/org-events/runtime.js';

/**
 * The production dependencies for `config`: real clock, CA-aware transport, Entra token verification,
 * and the services (store, identity, Graph client). Close `services` when done.
 */
export async function createDeps(
  config: Config,
  logger: Logger,
): Promise<AppDeps & { services: NonNullable<AppDeps['services']> }> {
  const caPem = config.caFile ? await readFile(config.caFile, 'utf8') : undefined;
  const fetch = createFetch(caPem === undefined ? {} : { caPem });
  const tokenVerifier = withVerifiedTokenCache(
    createEntraTokenVerifier({
      authorityHost: config.authorityHost,
      clientId: config.clientId,
      appIdUri: config.apiAppIdUri,
      jwks: createJwksCache({ authorityHost: config.authorityHost, fetch }),
      clock: systemClock,
    }),
    { clock: systemClock },
  );
  const services = await createServices({
    config,
    fetch,
    clock: systemClock,
    logger,
    onStoreWriteError: (error) => logger.error({ err: error }, 'store write failed; retrying'),
  });
  return { config, logger, clock: systemClock, tokenVerifier, services, routes: featureRoutes };
}

export interface RunningServer {
  /** The URLs actually listened on (port 0 resolved). */
  readonly urls: readonly string[];
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

function urlOf(server: http.Server, scheme: 'http' | 'https'): string {
  const { port } = server.address() as AddressInfo;
  return `${scheme}://localhost:${port}`;
}

async function listen(server: http.Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Listens on the configured HTTP port (unless 0) and, with a certificate and key, on the HTTPS port. */
export async function startServer(
  app: http.RequestListener,
  config: Config,
  logger: Logger,
): Promise<RunningServer> {
  const servers: [http.Server, 'http' | 'https'][] = [];
  if (config.http.port !== 0) servers.push([http.createServer(app), 'http']);
  if (config.https) {
    const [cert, key] = await Promise.all([
      readFile(config.https.certFile),
      readFile(config.https.keyFile),
    ]);
    servers.push([https.createServer({ cert, key }, app), 'https']);
  }
  if (servers.length === 0) {
    throw new Error(
      'Nothing to listen on: QUORUM_HTTP_PORT is 0 and no TLS certificate is configured',
    );
  }
  for (const [server, scheme] of servers) {
    await listen(server, scheme === 'http' ? config.http.port : config.https!.port);
  }
  const urls = servers.map(([server, scheme]) => urlOf(server, scheme));
  logger.info({ urls, publicUrl: config.publicUrl }, `Quorum listening on ${urls.join(' and ')}`);
  return {
    urls,
    async close(graceMs = 10_000) {
      await Promise.all(
        servers.map(
          ([server]) =>
            new Promise<void>((resolve) => {
              const force = setTimeout(() => server.closeAllConnections(), graceMs);
              force.unref();
              server.close(() => {
                clearTimeout(force);
                resolve();
              });
              server.closeIdleConnections();
            }),
        ),
      );
    },
  };
}

/** Runs Quorum until SIGTERM or SIGINT. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const deps = await createDeps(config, logger);
  const app = createApp(deps);
  const running = await startServer(app, config, logger);
  // Directory syncs and health sweeps of every org, every QUORUM_SYNC_INTERVAL_MINUTES.
  const scheduler = directoryRuntime(deps).scheduler();
  scheduler.start();
  // Every enabled tenant connection probed again hourly (revoked consent, dead credentials), then alerts.
  deps.services.connections.monitor.start();
  // Bookings a stopped process left pending end with exactly one event each (DESIGN §5).
  recoverPendingMeetings(deps).catch((error: unknown) =>
    logger.error({ err: error }, 'recovering pending meetings failed'),
  );
  // Graph subscriptions renewed before they expire; every watched mailbox re-read now and then.
  notificationsRuntime(deps).start();
  // Upcoming meetings keep their organizers' mailboxes watched; long-ended meetings are pruned.
  const meetingJobs = startMeetingJobs(deps);
  // Org-event messages a stopped process left queued go out as Exchange's sending limits allow.
  resumeOrgEvents(deps.services).catch((error: unknown) =>
    logger.error({ err: error }, 'resuming queued org events failed'),
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A sync cut short by the shutdown reads back as `interrupted`; the next one starts over.
    scheduler.stop().catch(() => undefined);
    meetingJobs.stop().catch(() => undefined);
    running
      .close()
      .then(() => closeOrgEvents(deps.services))
      .then(() => closeNotifications(deps.services))
      .then(() => deps.services.close())
      .then(
        () => logger.info('stopped'),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exitCode = 1;
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
