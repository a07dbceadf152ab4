// Quorum killed with SIGKILL — no shutdown hook runs — in the middle of a sweep and in the middle of
// bookings, then started again on the same data directory (DESIGN §5, §7). The interrupted sweep
// reads back as `interrupted` and the next one completes with every member as it was; every
// booking the killed process had begun ends with exactly one event in the organizer's calendar
// (counted in the emulated mailbox by Quorum's extended property and transactionId), none left
// pending, none without its record; and the store opens and reads afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { QUORUM_MEETING_PROPERTY } from '../../server/microsoft/events.js';
import { meetingsOf } from '../../server/scheduling/meetings/index.js';
import { graphState } from '../../emulator/graph/state.js';
import { connectTenant, type ListedMember } from '../directory/support.js';
import { control, startEmulator, type TestEmulator } from '../support/emulator.js';
import { startQuorum } from '../support/quorum.js';
import { slot } from '../integration/meetings-fixtures.js';
import { signIn } from '../integration/self-service-fixtures.js';
import { spawnQuorum, type ChildQuorum } from './support/child-quorum.js';
import { arm, PROBE_PATHS, resetFaults } from './support/emulator-faults.js';
import { recordFault } from './support/ledger.js';
import {
  compareMembers,
  followJob,
  readMembers,
  startSync,
  syncToEnd,
  type SyncJob,
} from './support/sweep.js';
import { OWNER } from './support/two-tenant-org.js';

const DOMAIN = 'wingtiptoys.com';
const ADELE = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };

let emulator: TestEmulator;
let root: string;
let dataDir: string;
let orgId = '';
let baseline: Map<string, ListedMember>;
let child: ChildQuorum | undefined;

beforeAll(async () => {
  emulator = await startEmulator();
  root = await mkdtemp(join(tmpdir(), 'quorum-faults-kill-'));
  dataDir = join(root, 'data');
  // Set up in-process, then hand the data directory to the child.
  const quorum = await startQuorum({ emulator, env: { QUORUM_DATA_DIR: dataDir } });
  const { org, connection } = await connectTenant(quorum, 'contoso.com');
  orgId = org.id;
  await quorum.services.orgs.updateConnection(org.id, connection.id, (c) => ({
    ...c,
    tier: 'booking',
  }));
  const generated = await control(emulator, 'POST', '/tenants/generate', {
    domain: DOMAIN,
    count: 2_000,
  });
  expect(generated.status).toBe(201);
  await connectTenant(quorum, DOMAIN, { org });
  await signIn(quorum, ADELE.tenant, ADELE.upn);
  await quorum.close();
  child = await spawnQuorum(emulator, dataDir);
  const first = await syncToEnd(child.api, OWNER, { deadlineMs: 120_000 });
  expect(first.state).toBe('succeeded');
  baseline = await readMembers(child.api, OWNER);
}, 240_000);

afterAll(async () => {
  await child?.kill();
  await emulator?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function restart(): Promise<ChildQuorum> {
  child = await spawnQuorum(emulator, dataDir);
  return child;
}

describe('SIGKILL mid-sweep', () => {
  it('resumes: the killed sync reads interrupted, the next one completes with every member as it was', async () => {
    await resetFaults(emulator);
    await arm(emulator, '/latency', { ms: 200, jitterMs: 300, pathPattern: PROBE_PATHS });
    const jobId = await startSync(child!.api, OWNER);
    let killedAt: SyncJob['progress'] | undefined;
    await followJob(child!.api, OWNER, jobId, {
      deadlineMs: 120_000,
      whileRunning: async (job) => {
        // Contoso swept, the generated tenant's probes in flight.
        const { phase, done, total } = job.progress;
        if (killedAt || phase !== 'sweep' || done < contosoMembers() || done >= total) return;
        killedAt = job.progress;
        await child!.kill();
        throw new Killed();
      },
    }).catch((error: unknown) => {
      if (!(error instanceof Killed)) throw error;
    });
    expect(killedAt, 'the sweep was never seen under way').toBeDefined();
    await resetFaults(emulator);

    const q = await restart();
    const old = await q.api<SyncJob>(OWNER, 'GET', `/api/org/jobs/${jobId}`);
    expect(old.body.state, JSON.stringify(old)).toBe('interrupted');
    const since = Date.now();
    const resumed = await syncToEnd(q.api, OWNER, { deadlineMs: 120_000 });
    const after = await readMembers(q.api, OWNER);
    const cmp = compareMembers(baseline, after, since);
    const lost = cmp.flipped.length + cmp.changed.length + cmp.stale.length + cmp.missing.length;
    await recordFault({
      fault: 'SIGKILL mid-sweep, restart',
      injected: 1,
      recovered: resumed.state === 'succeeded' && lost === 0 ? 1 : 0,
      lost,
      notes: `killed at sweep ${killedAt!.done}/${killedAt!.total}; old job read back ${old.body.state}; next sweep ${resumed.state}, ${after.size} members re-checked, ${cmp.flipped.length} flipped`,
    });
    expect(resumed.state).toBe('succeeded');
    expect(cmp).toEqual({ flipped: [], changed: [], stale: [], missing: [] });
  });
});

class Killed extends Error {}

const contosoMembers = () => [...baseline.keys()].filter((e) => !e.endsWith(`@${DOMAIN}`)).length;

/** Adele's events in the emulated mailbox that carry a Quorum meeting id, by that id. */
function quorumEventsOf(): Map<string, { transactionId: string | undefined }[]> {
  const tenant = emulator.world.findTenant(ADELE.tenant)!;
  const user = emulator.world.findUser(tenant, ADELE.upn)!;
  const box = graphState(emulator).store.open(tenant, user);
  const out = new Map<string, { transactionId: string | undefined }[]>();
  for (const event of box.events.values()) {
    const id = event.singleValueExtendedProperties.find(
      (p) => p.id.toLowerCase() === QUORUM_MEETING_PROPERTY.toLowerCase(),
    )?.value;
    if (id === undefined || event.isCancelled) continue;
    out.set(id, [...(out.get(id) ?? []), { transactionId: event.transactionId }]);
  }
  return out;
}

describe('SIGKILL mid-booking', () => {
  it('books every begun meeting exactly once after a restart', async () => {
    await resetFaults(emulator);
    const run = randomUUID().slice(0, 8);
    const request = (i: number) => ({
      subject: `Kill ${run} #${i}`,
      ...slot(130 + i, 9 + (i % 6)),
      timeZone: 'America/Los_Angeles',
      teams: i % 2 === 0,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
    });
    // One booking acknowledged before the kill: it must survive as it is.
    const acknowledged = await child!.api<{ id: string }>(
      ADELE,
      'POST',
      '/api/meetings',
      request(0),
    );
    expect(acknowledged.status).toBe(201);

    // The organizer's event creations are held 1.5 s by Graph; the kill lands while they are.
    const oid = emulator.world.findUser(emulator.world.findTenant(ADELE.tenant)!, ADELE.upn)!.id;
    await arm(emulator, '/latency', {
      ms: 1_500,
      pathPattern: `^/users/${oid}/(calendars/[^/]+/)?events$`,
    });
    const begun = [1, 2, 3, 4, 5].map((i) =>
      child!.api(ADELE, 'POST', '/api/meetings', request(i)).then(
        (r) => r.status,
        () => 'killed' as const,
      ),
    );
    await sleep(400);
    const late = child!.api(ADELE, 'POST', '/api/meetings', request(6)).then(
      (r) => r.status,
      () => 'killed' as const,
    );
    await sleep(150);
    await child!.kill();
    const answers = await Promise.all([...begun, late]);
    // Graph finishes what it was holding even though its caller is gone.
    await sleep(1_800);
    await resetFaults(emulator);

    const q = await restart();
    // Start-up recovery (server/main.ts) runs in the background: wait until nothing is pending.
    const listed = await waitForRecovery(q);
    await q.stop();

    // The store opens in-process and reads every meeting of the run.
    const quorum = await startQuorum({ emulator, env: { QUORUM_DATA_DIR: dataDir } });
    try {
      const repo = meetingsOf({ services: quorum.services, clock: systemClock }).repo;
      const adele = (await quorum.services.members.findByEmail(orgId, ADELE.upn))!;
      const records = (await repo.listByOrganizer(orgId, adele.id)).filter((m) =>
        m.subject.startsWith(`Kill ${run} `),
      );
      const events = quorumEventsOf();
      const mine = new Set(records.map((m) => m.id));
      const lostOrDoubled = records.filter((m) => (events.get(m.id)?.length ?? 0) !== 1);
      const pending = records.filter((m) => m.state !== 'scheduled');
      // Adele's mailbox holds only this run's Quorum events: each must have its record.
      const orphans = [...events.keys()].filter((id) => !mine.has(id));
      const wrongTransaction = records.filter(
        (m) => events.get(m.id)?.[0]?.transactionId !== m.transactionId,
      );
      const lost = lostOrDoubled.length + pending.length + wrongTransaction.length + orphans.length;
      const killed = answers.filter((a) => a === 'killed').length;
      // A request killed before its outbox write leaves no record and no event: nothing to lose.
      const neverBegun = killed - (records.length - 1);
      await recordFault({
        fault: 'SIGKILL mid-booking, restart',
        injected: killed,
        recovered: killed - lost,
        lost,
        notes: `${killed} bookings in flight at the kill: ${records.length - 1} booked exactly once after restart, ${neverBegun} killed before the outbox write (no record, no event); ${listed}`,
      });
      expect(killed).toBeGreaterThan(0);
      expect(records.map((m) => m.id)).toContain(acknowledged.body.id);
      expect(lostOrDoubled.map((m) => m.subject)).toEqual([]);
      expect(pending.map((m) => m.subject)).toEqual([]);
      expect(wrongTransaction.map((m) => m.subject)).toEqual([]);
      expect(orphans).toEqual([]);
    } finally {
      await quorum.close();
    }
  });
});

async function waitForRecovery(q: ChildQuorum): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status, body } = await q.api<{ meetings: { state: string }[] }>(
      ADELE,
      'GET',
      `/api/meetings?from=${new Date(Date.now() + 100 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 150 * 86_400_000).toISOString()}`,
    );
    if (status === 200 && body.meetings.every((m) => m.state !== 'pending')) {
      return `${body.meetings.length} meetings listed after restart, none pending`;
    }
    if (Date.now() > deadline) throw new Error(`still pending after 60 s: ${JSON.stringify(body)}`);
    await sleep(200);
  }
}
