// DESIGN §5 "Writes are idempotent and recoverable": a server stopped between the outbox write and
// the Graph POST, or between the 201 and the record update, is restarted on the same data directory
// and its start-up recovery leaves exactly one event per meeting.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import type { Membership } from '../../server/domain/membership.js';
import type { Meeting } from '../../server/scheduling/meetings/meeting.js';
import {
  MeetingService,
  meetingsOf,
  recoverPendingMeetings,
  type MeetingHooks,
  type MeetingView,
} from '../../server/scheduling/meetings/index.js';
import { schedulingRuntime } from '../../server/scheduling/runtime.js';
import { control, startEmulator, TENANTS, type TestEmulator } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  adele,
  call,
  eventsOfMeeting,
  eventsWithSubject,
  megan,
  oidOf,
  slot,
  uniqueSubject,
} from './meetings-fixtures.js';
import { createConnectedOrg, signIn } from './self-service-fixtures.js';

const LA = 'America/Los_Angeles';

class SimulatedCrash extends Error {}

let emulator: TestEmulator;
let dataDir: string;
let quorum: TestQuorum;
let orgId: string;

async function restart(): Promise<void> {
  await quorum.close();
  quorum = await startQuorum({ emulator, env: { QUORUM_DATA_DIR: dataDir } });
}

async function membershipOf(q: TestQuorum): Promise<Membership> {
  const org = (await q.services.orgs.get(orgId))!;
  const member = (await q.services.members.findByIdentity(
    orgId,
    TENANTS.contoso.id,
    oidOf(q, adele),
  ))!;
  return { org, member };
}

/** A service of the running server that "dies" at `hooks`. */
function crashingService(hooks: MeetingHooks): MeetingService {
  return new MeetingService({
    store: quorum.services.store,
    graph: quorum.services.graph,
    orgs: quorum.services.orgs,
    scheduling: schedulingRuntime({ services: quorum.services, clock: systemClock }),
    now: () => Date.now(),
    hooks,
  });
}

const crash = () => {
  throw new SimulatedCrash('killed');
};

beforeAll(async () => {
  emulator = await startEmulator();
  dataDir = await mkdtemp(join(tmpdir(), 'quorum-meetings-recovery-'));
  quorum = await startQuorum({ emulator, env: { QUORUM_DATA_DIR: dataDir } });
  orgId = (await createConnectedOrg(quorum, 'contoso')).org.id;
  await signIn(quorum, adele.tenant, adele.upn);
});
afterAll(async () => {
  await control(emulator, 'DELETE', '/faults');
  await quorum.close();
  await emulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('start-up recovery of pending meetings', () => {
  it('posts a meeting the server wrote to its outbox but never sent, and finds one it sent but never recorded', async () => {
    const unsent = uniqueSubject('Killed before POST');
    const unrecorded = uniqueSubject('Killed after 201');
    const request = (subject: string, hour: number) => ({
      subject,
      ...slot(170, hour),
      timeZone: LA,
      teams: true,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' as const }],
      room: 'room.rainier@contoso.com',
    });
    let onDisk: Meeting | undefined;
    await expect(
      crashingService({
        afterOutboxWrite: async (meeting) => {
          // What a restart would read: the org file as written, before any POST.
          const file = JSON.parse(
            await readFile(join(dataDir, 'orgs', orgId, 'org.json'), 'utf8'),
          ) as {
            docs: Record<string, Meeting>;
          };
          onDisk = file.docs[`meeting:${meeting.id}`];
          crash();
        },
      }).book(await membershipOf(quorum), request(unsent, 9)),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(onDisk).toMatchObject({ subject: unsent, state: 'pending', graphEventId: null });
    expect(onDisk?.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(
      crashingService({ afterEventCreated: crash }).book(
        await membershipOf(quorum),
        request(unrecorded, 11),
      ),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await eventsWithSubject(quorum, adele, unsent)).toHaveLength(0);
    expect(await eventsWithSubject(quorum, adele, unrecorded)).toHaveLength(1);

    await restart();
    const service = meetingsOf({ services: quorum.services, clock: systemClock });
    const mine = await service.repo.listByOrganizer(orgId, (await membershipOf(quorum)).member.id);
    expect(mine.map((m) => [m.subject, m.state]).sort()).toEqual(
      [
        [unsent, 'pending'],
        [unrecorded, 'pending'],
      ].sort(),
    );

    const report = await recoverPendingMeetings({ services: quorum.services, clock: systemClock });
    expect(report).toEqual({ checked: 2, found: 1, posted: 1, failed: 0, stillPending: 0 });
    for (const subject of [unsent, unrecorded]) {
      const events = await eventsWithSubject(quorum, adele, subject);
      expect(events).toHaveLength(1);
      expect(await eventsWithSubject(quorum, megan, subject)).toHaveLength(1);
      const meeting = (
        await service.repo.listByOrganizer(orgId, (await membershipOf(quorum)).member.id)
      ).find((m) => m.subject === subject)!;
      expect(meeting).toMatchObject({
        state: 'scheduled',
        graphEventId: events[0]!.id,
        body: null,
      });
      const { body } = await call<MeetingView>(quorum, adele, 'GET', `/api/meetings/${meeting.id}`);
      expect(body).toMatchObject({
        state: 'scheduled',
        teams: { requested: true, created: true },
        room: { email: 'room.rainier@contoso.com', response: 'accepted' },
      });
      expect(body.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    }
    // A second start finds nothing left to do.
    expect(await recoverPendingMeetings({ services: quorum.services, clock: systemClock })).toEqual(
      {
        checked: 0,
        found: 0,
        posted: 0,
        failed: 0,
        stillPending: 0,
      },
    );
  });

  it('keeps a meeting pending while Graph is unavailable, and books it once on a later start', async () => {
    const subject = uniqueSubject('Outage');
    await expect(
      crashingService({ afterOutboxWrite: crash }).book(await membershipOf(quorum), {
        subject,
        ...slot(171, 9),
        timeZone: LA,
        teams: false,
        attendees: [],
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    await restart();
    await control(emulator, 'POST', '/faults', {
      status: 503,
      count: 1000,
      retryAfter: 0,
      pathPattern: `^/users/${oidOf(quorum, adele)}/events`,
    });
    const during = await recoverPendingMeetings({ services: quorum.services, clock: systemClock });
    expect(during).toMatchObject({ checked: 1, stillPending: 1 });
    await control(emulator, 'DELETE', '/faults');
    await restart();
    const after = await recoverPendingMeetings({ services: quorum.services, clock: systemClock });
    expect(after).toEqual({ checked: 1, found: 0, posted: 1, failed: 0, stillPending: 0 });
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(1);
  });

  it('completes a pending meeting when its organizer opens it', async () => {
    const subject = uniqueSubject('Opened');
    let pendingId = '';
    await expect(
      crashingService({
        afterOutboxWrite: (m) => {
          pendingId = m.id;
          crash();
        },
      }).book(await membershipOf(quorum), {
        subject,
        ...slot(172, 9),
        timeZone: LA,
        teams: true,
        attendees: [],
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    const { status, body } = await call<MeetingView>(
      quorum,
      adele,
      'GET',
      `/api/meetings/${pendingId}`,
    );
    expect(status).toBe(200);
    expect(body.state).toBe('scheduled');
    expect(await eventsOfMeeting(quorum, adele, pendingId)).toHaveLength(1);
  });
});
