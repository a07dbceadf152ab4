// The "Quorum Scheduler" calendar (Comeet seed): created in the member's own mailbox on first need —
// once, even for concurrent first bookings — and used when chosen, or when the chosen calendar
// cannot be written (said in the response).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../server/microsoft/calendars.js';
import type { MeetingView } from '../../server/scheduling/meetings/index.js';
import { SchedulerCalendars } from '../../server/scheduling/meetings/scheduler-calendar.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  alex,
  call,
  eventsOfMeeting,
  megan,
  oidOf,
  patti,
  schedulerCalendars,
  slot,
  uniqueSubject,
  type Who,
} from './meetings-fixtures.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

const LA = 'America/Los_Angeles';
const adele: Who = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const lynne: Who = { tenant: 'contoso.com', upn: 'lynne.robbins@contoso.com' };

let quorum: TestQuorum;
let contoso: TestOrg;
const memberIds = new Map<string, string>();

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
  for (const who of [alex, megan, patti, adele, lynne]) {
    memberIds.set(who.upn, await signIn(quorum, who.tenant, who.upn));
  }
});
afterAll(async () => {
  await control(quorum.emulator, 'DELETE', '/faults');
  await quorum.close();
});

function book(who: Who, body: Record<string, unknown>) {
  return call<MeetingView>(quorum, who, 'POST', '/api/meetings', body);
}

async function chooseDestination(who: Who, destinationCalendarId: string | null) {
  await quorum.services.members.update(contoso.org.id, memberIds.get(who.upn)!, (m) => ({
    ...m,
    calendar: { ...m.calendar, destinationCalendarId },
  }));
}

describe('the Quorum Scheduler calendar', () => {
  it('is created once when two first bookings ask for it at the same time', async () => {
    expect(await schedulerCalendars(quorum, alex)).toHaveLength(0);
    const [a, b] = await Promise.all([
      book(alex, {
        subject: uniqueSubject('First'),
        ...slot(160, 9),
        timeZone: LA,
        destination: 'scheduler',
      }),
      book(alex, {
        subject: uniqueSubject('Second'),
        ...slot(160, 11),
        timeZone: LA,
        destination: 'scheduler',
      }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    for (const { body } of [a, b]) {
      expect(body.destination).toEqual({ requested: 'scheduler', used: 'scheduler', reason: null });
      expect(body.teams.created).toBe(true);
    }
    const calendars = await schedulerCalendars(quorum, alex);
    expect(calendars).toHaveLength(1);
    expect(await eventsOfMeeting(quorum, alex, a.body.id, calendars[0]!.id)).toHaveLength(1);
    expect(await eventsOfMeeting(quorum, alex, b.body.id, calendars[0]!.id)).toHaveLength(1);
  });

  it('is found by name when another process created it first (409 ErrorFolderExists)', async () => {
    const isaiah: Who = { tenant: 'contoso.com', upn: 'isaiah.langer@contoso.com' };
    const mailbox = { tenantId: TENANTS.contoso.id, objectId: oidOf(quorum, isaiah) };
    await control(quorum.emulator, 'DELETE', '/stats');
    // Two processes: neither knows of the other's creation in flight.
    const [a, b] = await Promise.all([
      new SchedulerCalendars(quorum.services.graph).ensure(mailbox, []),
      new SchedulerCalendars(quorum.services.graph).ensure(mailbox, []),
    ]);
    expect(a.id).toBe(b.id);
    const { body: stats } = await control<{ byRoute: Record<string, Record<string, number>> }>(
      quorum.emulator,
      'GET',
      '/stats',
    );
    expect(Object.values(stats.byRoute).some((byStatus) => byStatus['409'] === 1)).toBe(true);
    expect(await schedulerCalendars(quorum, isaiah)).toHaveLength(1);
  });

  it('is used when the member chose it as destination, and found again rather than made twice', async () => {
    await chooseDestination(megan, 'scheduler');
    const first = await book(megan, {
      subject: uniqueSubject('Pref 1'),
      ...slot(161, 9),
      timeZone: LA,
    });
    const second = await book(megan, {
      subject: uniqueSubject('Pref 2'),
      ...slot(161, 11),
      timeZone: LA,
    });
    expect(first.body.destination).toEqual({
      requested: 'scheduler',
      used: 'scheduler',
      reason: null,
    });
    expect(second.body.destination.used).toBe('scheduler');
    const calendars = await schedulerCalendars(quorum, megan);
    expect(calendars).toHaveLength(1);
    expect(await eventsOfMeeting(quorum, megan, second.body.id, calendars[0]!.id)).toHaveLength(1);
  });

  it('takes the booking when Exchange refuses to write the default calendar, and says so', async () => {
    const { status: faulted } = await control(quorum.emulator, 'POST', '/faults', {
      status: 403,
      code: 'ErrorAccessDenied',
      message: 'Access is denied. Check credentials and try again.',
      count: 1,
      pathPattern: `^/users/${oidOf(quorum, patti)}/events$`,
    });
    expect(faulted).toBe(204);
    const { status, body } = await book(patti, {
      subject: uniqueSubject('Fallback'),
      ...slot(162, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com' }],
      room: 'room.rainier@contoso.com',
    });
    expect(status).toBe(201);
    expect(body.state).toBe('scheduled');
    expect(body.destination).toEqual({
      requested: 'default',
      used: 'scheduler',
      reason: expect.stringMatching(
        /refused to write to the default calendar \(403 ErrorAccessDenied\)/,
      ),
    });
    expect(body.room?.response).toBe('accepted');
    const [scheduler] = await schedulerCalendars(quorum, patti);
    expect(await eventsOfMeeting(quorum, patti, body.id, scheduler!.id)).toHaveLength(1);
    expect(await eventsOfMeeting(quorum, patti, body.id)).toHaveLength(1);
  });

  it('takes the booking when the calendar the member chose is gone, and says so', async () => {
    await chooseDestination(adele, 'AAMkADeleted-calendar-id');
    const { status, body } = await book(adele, {
      subject: uniqueSubject('Gone'),
      ...slot(163, 9),
      timeZone: LA,
    });
    expect(status).toBe(201);
    expect(body.destination).toEqual({
      requested: 'AAMkADeleted-calendar-id',
      used: 'scheduler',
      reason: expect.stringMatching(/no longer exists/),
    });
  });

  it('is not used when the chosen calendar can be written', async () => {
    const team = await createCalendar(
      quorum.services.graph,
      TENANTS.contoso.id,
      oidOf(quorum, lynne),
      'Team',
    );
    const { body } = await book(lynne, {
      subject: uniqueSubject('Team cal'),
      ...slot(164, 9),
      timeZone: LA,
      destination: team.id,
    });
    expect(body.destination).toEqual({ requested: team.id, used: 'calendar', reason: null });
    expect(await eventsOfMeeting(quorum, lynne, body.id, team.id)).toHaveLength(1);
    expect(await schedulerCalendars(quorum, lynne)).toHaveLength(0);
  });
});
