// Directory changes between syncs: delta queries pick up new, changed and removed users (new
// people are connected by the next sync without anyone acting), an expired delta link (410) falls
// back to a full listing, and a 429/503 storm during a sweep never flips a connected member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, startEmulator, TENANTS, type TestEmulator } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  byEmail,
  connectTenant,
  listAll,
  runtimeOf,
  syncThroughApi,
} from '../directory/support.js';

const OWNER = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const PROBES = '^/users/[^/]+/(mailboxSettings|calendar)$';

let emulator: TestEmulator;
let quorum: TestQuorum;

interface SyncJob {
  state: string;
  result: {
    connections: { directory: { mode: string; resynced: boolean; changed: number } }[];
    statusChanges: number;
  };
}

async function sync(body: Record<string, unknown> = {}): Promise<SyncJob> {
  return (await syncThroughApi(quorum, OWNER, body)) as unknown as SyncJob;
}

async function members() {
  return byEmail(await listAll(quorum, OWNER));
}

beforeAll(async () => {
  emulator = await startEmulator();
  quorum = await startQuorum({ emulator });
  await connectTenant(quorum, 'contoso.com');
  await quorum.api(OWNER, 'GET', '/api/org/status');
  expect((await sync()).state).toBe('succeeded');
});
afterAll(async () => {
  await quorum.close();
  await emulator.close();
});

describe('incremental directory sync', () => {
  it('asks only for changes on the second sync and finds none', async () => {
    const job = await sync({ sweep: false });
    expect(job.result.connections[0]?.directory).toMatchObject({ mode: 'delta', changed: 0 });
  });

  it('provisions and connects a new directory user on the next sync', async () => {
    const created = await control(emulator, 'POST', '/tenants/contoso.com/users', {
      upn: 'new.hire',
      displayName: 'New Hire',
      timeZone: 'W. Europe Standard Time',
    });
    expect(created.status).toBe(201);
    const job = await sync();
    expect(job.result.connections[0]?.directory).toMatchObject({ mode: 'delta', changed: 1 });
    expect((await members()).get('new.hire@contoso.com')).toMatchObject({
      source: 'directory',
      status: 'connected',
      timeZone: 'Europe/Berlin',
    });
  });

  it('shows a newly disabled account as account_disabled', async () => {
    await control(emulator, 'PATCH', '/tenants/contoso.com/users/new.hire@contoso.com', {
      accountEnabled: false,
    });
    await sync();
    expect((await members()).get('new.hire@contoso.com')?.reason).toBe('account_disabled');
  });

  it('removes a provisioned member whose user was deleted', async () => {
    await control(emulator, 'PATCH', '/tenants/contoso.com/users/new.hire@contoso.com', {
      deleted: true,
    });
    const job = await sync();
    expect(job.result.connections[0]?.directory.mode).toBe('delta');
    expect((await members()).has('new.hire@contoso.com')).toBe(false);
  });

  it('falls back to a full listing when Graph refuses the delta link (410)', async () => {
    const { services } = quorum;
    const org = await services.orgs.findByTenant(TENANTS.contoso.id);
    const [connection] = await services.orgs.listConnections(org!.id);
    // A token Graph no longer knows answers 410 Gone, like one older than its 7 days.
    await services.orgs.updateConnection(org!.id, connection!.id, (c) => ({
      ...c,
      sync: { ...c.sync, deltaLink: `${emulator.graphUrl}/v1.0/users/delta?$deltatoken=expired` },
    }));
    const job = await sync({ sweep: false });
    expect(job.result.connections[0]?.directory).toMatchObject({ mode: 'full', resynced: true });
    const again = await sync({ sweep: false });
    expect(again.result.connections[0]?.directory.mode).toBe('delta');
  });
});

describe('the scheduler', () => {
  it('syncs every org with an enabled connection on its tick, without anyone asking', async () => {
    await control(emulator, 'POST', '/tenants/contoso.com/users', {
      upn: 'scheduled.hire',
      displayName: 'Scheduled Hire',
    });
    let fire: (() => void) | undefined;
    const scheduler = runtimeOf(quorum).scheduler({
      initialDelayMs: 0,
      timers: { setTimeout: (fn) => (fire = fn), clearTimeout: () => undefined },
    });
    scheduler.start();
    fire!();
    await scheduler.stop();
    expect((await members()).get('scheduled.hire@contoso.com')?.reason).toBe('connected');
  });
});

describe('throttling during a sweep', () => {
  it.each([
    [429, 'TooManyRequests'],
    [503, 'ServiceUnavailable'],
  ])('keeps connected members connected through a %i storm', async (status) => {
    const before = await members();
    await control(emulator, 'POST', '/faults', {
      status,
      rate: 1,
      retryAfter: 0,
      pathPattern: PROBES,
    });
    try {
      const job = await sync();
      expect(job.state).toBe('succeeded');
      expect(job.result.statusChanges).toBe(0);
    } finally {
      await control(emulator, 'DELETE', '/faults');
    }
    const after = await members();
    const adele = after.get('adele.vance@contoso.com')!;
    expect(adele).toMatchObject({ status: 'connected', reason: 'connected' });
    expect(adele.retryAt).toEqual(expect.any(String));
    expect(adele.checkedAt).toBe(before.get('adele.vance@contoso.com')!.checkedAt);
    expect(after.get('nestor.wilke@contoso.com')?.reason).toBe('no_mailbox');
    for (const [email, member] of after) {
      expect(member.reason, email).toBe(before.get(email)!.reason);
    }
  });

  it('shows a member never checked before as throttled, not as not connected', async () => {
    await control(emulator, 'POST', '/tenants/contoso.com/users', {
      upn: 'storm.born',
      displayName: 'Storm Born',
    });
    await control(emulator, 'POST', '/faults', {
      status: 429,
      rate: 1,
      retryAfter: 0,
      pathPattern: PROBES,
    });
    try {
      await sync();
    } finally {
      await control(emulator, 'DELETE', '/faults');
    }
    expect((await members()).get('storm.born@contoso.com')).toMatchObject({
      status: 'checking',
      reason: 'throttled',
    });
    await sync();
    expect((await members()).get('storm.born@contoso.com')?.reason).toBe('connected');
  });
});
