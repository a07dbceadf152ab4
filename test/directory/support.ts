// Test helpers for the directory feature: an org with a verified platform tenant connection set up
// directly in the store (as the consent flow would leave it), and syncs run to completion.
import { newId } from '../../server/domain/ids.js';
import type { Organization, TenantConnection } from '../../server/domain/types.js';
import { directoryRuntime, type DirectoryRuntime } from '../../server/directory/runtime.js';
import { createLogger } from '../../server/http/logging.js';
import { systemClock } from '../../server/clock.js';
import { grantConsent, type TestEmulator } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';

export interface ConnectOptions {
  /** Reuse this org (a second tenant of the same org). */
  org?: Organization;
  enabled?: boolean;
  /** Skip granting consent in the emulator. */
  consent?: boolean;
}

/** Consents Quorum's app in `tenant` and records an enabled, healthy platform connection. */
export async function connectTenant(
  quorum: TestQuorum,
  tenant: string,
  options: ConnectOptions = {},
): Promise<{ org: Organization; connection: TenantConnection }> {
  const emulator: TestEmulator = quorum.emulator;
  if (options.consent !== false) await grantConsent(emulator, tenant);
  const found = emulator.world.findTenant(tenant);
  if (!found) throw new Error(`no tenant ${tenant}`);
  const org = options.org ?? (await quorum.services.orgs.create(found.displayName));
  const now = new Date().toISOString();
  const connection: TenantConnection = {
    id: newId(),
    orgId: org.id,
    tenantId: found.id,
    displayName: found.displayName,
    verifiedDomains: found.domains,
    credential: { kind: 'platform', clientId: quorum.config.clientId },
    grantedRoles: [],
    tier: 'availability',
    enabled: options.enabled ?? true,
    createdAt: now,
    lastEnabledAt: now,
    lastDisabledAt: null,
    health: { state: 'healthy', reason: null, detail: null, checkedAt: now },
    sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
  };
  await quorum.services.orgs.putConnection(connection);
  return { org, connection };
}

export function runtimeOf(quorum: TestQuorum): DirectoryRuntime {
  return directoryRuntime({
    config: quorum.config,
    logger: createLogger({ level: 'silent' }),
    clock: systemClock,
    services: quorum.services,
  });
}

/** Starts a sync through the API as `as` and waits for the job to finish; returns the job. */
export async function syncThroughApi(
  quorum: TestQuorum,
  as: { tenant: string; upn: string },
  body: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const started = await quorum.api<{ jobId: string }>(as, 'POST', '/api/org/sync', body);
  if (started.status !== 202)
    throw new Error(`sync: ${started.status} ${JSON.stringify(started.body)}`);
  await runtimeOf(quorum).jobs.wait(started.body.jobId);
  const job = await quorum.api<Record<string, unknown>>(
    as,
    'GET',
    `/api/org/jobs/${started.body.jobId}`,
  );
  return job.body;
}

export interface ListedMember {
  id: string;
  email: string;
  displayName: string;
  status: string;
  reason: string;
  summary: string;
  fix: string | null;
  timeZone: string | null;
  checkedAt: string | null;
  retryAt: string | null;
  source: string;
  role: string;
}

/** Every member of the caller's org, through the API (pages of 500). */
export async function listAll(
  quorum: TestQuorum,
  as: { tenant: string; upn: string },
  query = '',
): Promise<ListedMember[]> {
  const out: ListedMember[] = [];
  for (let offset = 0; ; offset += 500) {
    const sep = query ? '&' : '';
    const { status, body } = await quorum.api<{ total: number; items: ListedMember[] }>(
      as,
      'GET',
      `/api/org/members?${query}${sep}offset=${offset}&limit=500`,
    );
    if (status !== 200) throw new Error(`list: ${status} ${JSON.stringify(body)}`);
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

export function byEmail(members: readonly ListedMember[]): Map<string, ListedMember> {
  return new Map(members.map((m) => [m.email, m]));
}
