// Faults that concern a whole tenant connection, striking in the middle of a sweep (Contoso done,
// a generated tenant's probes in flight): Entra's token endpoint down, the client secret expiring,
// admin consent revoked. An outage is transient — members keep their status and the next sweep
// completes; an expired secret or revoked consent is the connection's — its members show the
// connection's reason (never a per-member one), and come back when it is fixed.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantConsent } from '../support/emulator.js';
import { arm, PROBE_PATHS, resetFaults } from './support/emulator-faults.js';
import { describeRun, faultedSweep } from './support/faulted-sweep.js';
import { recordFault } from './support/ledger.js';
import { compareMembers, countBy, readMembers, syncToEnd, type SyncJob } from './support/sweep.js';
import {
  inGeneratedSweep,
  once,
  OWNER,
  startTwoTenantOrg,
  type TwoTenantOrg,
} from './support/two-tenant-org.js';
import { control } from '../support/emulator.js';
import type { ListedMember } from '../directory/support.js';

const DOMAIN = 'tailspintoys.com';
/** Quorum's local app secret in the emulator (emulator/emulator.ts). */
const QUORUM_SECRET_KEY_ID = 'b0c1d2e3-f4a5-4b6c-9d8e-7f6a5b4c3d2e';
const TOKEN_FAULTS = 1_000;

let world: TwoTenantOrg;

beforeAll(async () => {
  world = await startTwoTenantOrg(DOMAIN, 2_000);
}, 180_000);
afterAll(async () => {
  await world?.quorum.close();
});

const emu = () => world.quorum.emulator;
/** A new token is needed now, as when msal's cached one nears its expiry. */
const tokenExpires = () =>
  world.quorum.services.identity.forgetClient(world.quorum.config.clientId);
const slowProbes = () =>
  arm(emu(), '/latency', { ms: 200, jitterMs: 300, pathPattern: PROBE_PATHS });
const generated = (email: string) => email.endsWith(`@${DOMAIN}`);

function connectionFailure(job: SyncJob): string[] {
  return (job.result?.connections ?? []).flatMap((c) => (c.failure ? [c.failure.reason] : []));
}

describe('connection-level faults in the middle of a sweep', () => {
  it('keeps every member through a token-endpoint outage, and the next sweep completes', async () => {
    const trigger = once(
      (job) => inGeneratedSweep(world, job),
      async () => {
        // Retry-After 1 s: msal refuses the same token request locally for that long (60 s
        // without the header), so the resuming sweep waits it out first.
        await arm(emu(), '/faults/token', { status: 503, count: TOKEN_FAULTS, retryAfter: 1 });
        tokenExpires();
      },
    );
    const run = await faultedSweep({
      emulator: emu(),
      api: world.api,
      owner: OWNER,
      tenant: DOMAIN,
      baseline: world.baseline,
      arm: slowProbes,
      follow: { whileRunning: trigger.whileRunning, deadlineMs: 120_000 },
      tokenFaultsArmed: TOKEN_FAULTS,
      beforeResume: () => sleep(1_200),
    });
    await recordFault({
      fault: 'Token endpoint outage (503, Retry-After 1 s) mid-sweep',
      ...run.score,
      notes: `token refused for the rest of the sweep (connection reason throttled); ${describeRun(run)}`,
    });
    expect(trigger.fired()).toBe(true);
    expect(run.score.injected).toBeGreaterThan(0);
    expect(connectionFailure(run.job)).toEqual(['throttled']);
    expect(run.resumed?.state).toBe('succeeded');
    expect(run.comparison).toMatchObject({ flipped: [], changed: [], stale: [], missing: [] });
    expect(run.score.lost).toBe(0);
  });

  it('marks the connection credential_expired when its secret expires mid-sweep, and recovers', async () => {
    const app = emu().world.findApp(world.quorum.config.clientId)!;
    const secret = app.secrets.find((s) => s.keyId === QUORUM_SECRET_KEY_ID)!;
    const validUntil = secret.endDateTime;
    const run = await connectionBrokenMidSweep({
      fault: 'Client secret expired mid-sweep',
      reason: 'credential_expired',
      async strike() {
        await control(emu(), 'POST', `/apps/${app.appId}/secrets/${QUORUM_SECRET_KEY_ID}/expire`);
        tokenExpires();
      },
      fixedBy: 'renewal',
      // The admin renews the secret; a new token is asked for.
      async fix() {
        secret.endDateTime = validUntil;
        tokenExpires();
      },
    });
    expect(run.fired).toBe(true);
    expect(run.job.state).toBe('succeeded');
    expect(connectionFailure(run.job)).toEqual(['credential_expired']);
    expectOnlyTheConnectionsReason(run);
  });

  it('marks the connection consent_missing when consent is revoked mid-sweep, and recovers', async () => {
    const run = await connectionBrokenMidSweep({
      fault: 'Admin consent revoked mid-sweep',
      reason: 'consent_missing',
      async strike() {
        const revoked = await control(
          emu(),
          'DELETE',
          `/tenants/${DOMAIN}/consent/${world.quorum.config.clientId}`,
        );
        expect(revoked.status).toBe(204);
      },
      fixedBy: 'consent',
      fix: () => grantConsent(emu(), DOMAIN),
    });
    expect(run.fired).toBe(true);
    expect(run.job.state).toBe('succeeded');
    expectOnlyTheConnectionsReason(run);
  });
});

function filtered(members: ReadonlyMap<string, ListedMember>): Map<string, ListedMember> {
  return new Map([...members].filter(([email]) => generated(email)));
}

interface ConnectionFault {
  /** The ledger's name for it. */
  readonly fault: string;
  /** The connection's reason, which every generated member should show after the sweep. */
  readonly reason: string;
  /** Breaks the connection, once the generated tenant's probes are in flight. */
  strike(): Promise<void>;
  /** What the admin does about it (the ledger's words), and doing it. */
  readonly fixedBy: string;
  fix(): Promise<void>;
}

/** A sweep with slow probes that `strike` breaks midway, then the fix and a sweep to recover. */
async function connectionBrokenMidSweep(fault: ConnectionFault) {
  await resetFaults(emu());
  await slowProbes();
  const trigger = once(
    (job) => inGeneratedSweep(world, job),
    () => fault.strike(),
  );
  const job = await syncToEnd(world.api, OWNER, {
    whileRunning: trigger.whileRunning,
    deadlineMs: 120_000,
  });
  await resetFaults(emu());
  const during = await readMembers(world.api, OWNER);
  const perMember = [...during.values()].filter(
    (m) =>
      generated(m.email) &&
      m.reason !== fault.reason &&
      m.reason !== world.baseline.get(m.email)?.reason,
  );
  const stillConnected = [...during.values()].filter(
    (m) => generated(m.email) && m.status === 'connected',
  );

  await fault.fix();
  const since = Date.now();
  const after = await syncToEnd(world.api, OWNER, { deadlineMs: 120_000 });
  const back = compareMembers(world.baseline, await readMembers(world.api, OWNER), since);
  const damaged = back.flipped.length + back.changed.length + back.stale.length;
  await recordFault({
    fault: fault.fault,
    injected: 1,
    recovered: damaged === 0 && after.state === 'succeeded' ? 1 : 0,
    lost: perMember.length + stillConnected.length + damaged,
    notes: `${DOMAIN}: ${JSON.stringify(countBy(filtered(during), 'reason'))} after the sweep; all back after ${fault.fixedBy}`,
  });
  return { fired: trigger.fired(), job, perMember, stillConnected, after, back };
}

/** No member kept a reason of its own or its connected status, and all came back after the fix. */
function expectOnlyTheConnectionsReason(
  run: Awaited<ReturnType<typeof connectionBrokenMidSweep>>,
): void {
  expect(run.perMember.map((m) => `${m.email}: ${m.reason}`)).toEqual([]);
  expect(run.stillConnected.map((m) => m.email)).toEqual([]);
  expect(run.after.state).toBe('succeeded');
  expect(run.back).toMatchObject({ flipped: [], changed: [], stale: [], missing: [] });
}
