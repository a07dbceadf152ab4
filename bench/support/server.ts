// Quorum's server as a bench child runs it: a fresh data directory, the emulator's addresses and
// CA, rate limits lifted (the benches measure the routes, not the limiter), listening on loopback,
// with one org holding an enabled platform connection to the bench's tenant.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { newId } from '../../server/domain/ids.js';
import { createLogger } from '../../server/http/logging.js';
import { createDeps } from '../../server/main.js';
import type { AppTarget } from './app.js';

export type BenchDeps = Awaited<ReturnType<typeof createDeps>>;

export interface BenchServerOptions {
  target: AppTarget;
  /** Prefix of the temporary data directory. */
  tempPrefix: string;
  orgName: string;
  connection: { tenantId: string; displayName: string; verifiedDomains: string[] };
}

export interface BenchServer {
  deps: BenchDeps;
  orgId: string;
  url: string;
  /** Closes the server and its services and removes the data directory. */
  stop: () => Promise<void>;
}

/** The environment the bench server is configured from (`dir` holds `ca.pem` and the data). */
export function benchServerEnv(target: AppTarget, dir: string): Record<string, string> {
  return {
    QUORUM_AUTHORITY_HOST: target.loginUrl,
    QUORUM_GRAPH_BASE_URL: target.graphUrl,
    QUORUM_CA_FILE: path.join(dir, 'ca.pem'),
    QUORUM_CLIENT_ID: target.clientId,
    QUORUM_CLIENT_SECRET: target.clientSecret,
    QUORUM_DATA_DIR: path.join(dir, 'data'),
    QUORUM_HTTP_PORT: '0',
    QUORUM_LOG_LEVEL: 'silent',
    QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: '10000000',
    QUORUM_RATE_LIMIT_USER_PER_MINUTE: '10000000',
  };
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const { target, connection } = options;
  const dir = await mkdtemp(path.join(tmpdir(), options.tempPrefix));
  await writeFile(path.join(dir, 'ca.pem'), target.caPem);
  const config = loadConfig(benchServerEnv(target, dir));
  const deps = await createDeps(config, createLogger({ level: 'silent' }));
  const server = http.createServer(createApp(deps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const org = await deps.services.orgs.create(options.orgName);
  const now = new Date().toISOString();
  await deps.services.orgs.putConnection({
    id: newId(),
    orgId: org.id,
    tenantId: connection.tenantId,
    displayName: connection.displayName,
    verifiedDomains: connection.verifiedDomains,
    credential: { kind: 'platform', clientId: target.clientId },
    grantedRoles: [],
    tier: 'availability',
    enabled: true,
    createdAt: now,
    lastEnabledAt: now,
    lastDisabledAt: null,
    health: { state: 'healthy', reason: null, detail: null, checkedAt: now },
    sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
  });
  return {
    deps,
    orgId: org.id,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await deps.services.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
