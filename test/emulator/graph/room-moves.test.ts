// A moved meeting asks its rooms again, as Exchange's resource booking attendant does: the PATCH's
// 200 shows the room unanswered, then the room accepts the new time when it is free there (its hold
// on the old time released) or declines when it is busy; a room that declined accepts a move to a
// free time; a delegate-approval room waits for its delegate again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());

const ZONE = 'Pacific Standard Time';
type Attendee = { emailAddress: { address: string }; status: { response: string } };

function booking(organizer: string, room: string, subject: string, start: string, end: string) {
  return bed.call('POST', `/v1.0/users/${organizer}/events`, {
    body: {
      subject,
      start: { dateTime: start, timeZone: ZONE },
      end: { dateTime: end, timeZone: ZONE },
      location: { displayName: room, locationEmailAddress: room },
      attendees: [{ emailAddress: { address: room }, type: 'resource' }],
    },
  });
}

function move(organizer: string, id: string, start: string, end: string) {
  return bed.call('PATCH', `/v1.0/users/${organizer}/events/${id}`, {
    body: { start: { dateTime: start, timeZone: ZONE }, end: { dateTime: end, timeZone: ZONE } },
  });
}

async function roomAnswer(organizer: string, id: string, room: string): Promise<string> {
  const res = await bed.call('GET', `/v1.0/users/${organizer}/events/${id}`);
  expect(res.status).toBe(200);
  return (res.body.attendees as Attendee[]).find((a) => a.emailAddress.address === room)!.status
    .response;
}

/** The room's free/busy view over one hour from `start` (Pacific wall clock, PDT/PST alike). */
async function roomView(room: string, start: string): Promise<string> {
  const res = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/calendar/getSchedule', {
    body: {
      schedules: [room],
      startTime: { dateTime: start, timeZone: ZONE },
      endTime: { dateTime: start.replace('T10:', 'T11:').replace('T14:', 'T15:'), timeZone: ZONE },
      availabilityViewInterval: 60,
    },
  });
  expect(res.status).toBe(200);
  return res.body.value[0].availabilityView as string;
}

describe('a moved meeting asks its rooms again', () => {
  const ROOM = 'room.baker@contoso.com';
  const ADELE = 'adele.vance@contoso.com';
  const ROSA = 'rosa.garcia@contoso.com';

  it('declines a move onto a busy time and accepts a move to a free one', async () => {
    const blocker = await booking(
      ROSA,
      ROOM,
      'Blocker',
      '2025-04-08T14:00:00',
      '2025-04-08T15:00:00',
    );
    expect(await roomAnswer(ROSA, blocker.body.id, ROOM)).toBe('accepted');
    const mine = await booking(ADELE, ROOM, 'Mine', '2025-04-08T10:00:00', '2025-04-08T11:00:00');
    expect(await roomAnswer(ADELE, mine.body.id, ROOM)).toBe('accepted');

    const busy = await move(ADELE, mine.body.id, '2025-04-08T14:00:00', '2025-04-08T15:00:00');
    expect(busy.status).toBe(200);
    expect(
      (busy.body.attendees as Attendee[]).find((a) => a.emailAddress.address === ROOM)!.status
        .response,
    ).toBe('none');
    expect(await roomAnswer(ADELE, mine.body.id, ROOM)).toBe('declined');
    // The room let go of the old time and holds only the blocker at the new one.
    expect(await roomView(ROOM, '2025-04-08T10:00:00')).toBe('0');
    expect(await roomView(ROOM, '2025-04-08T14:00:00')).toBe('2');

    const free = await move(ADELE, mine.body.id, '2025-04-09T10:00:00', '2025-04-09T11:00:00');
    expect(free.status).toBe(200);
    expect(await roomAnswer(ADELE, mine.body.id, ROOM)).toBe('accepted');
    expect(await roomView(ROOM, '2025-04-09T10:00:00')).toBe('2');
  });

  it('keeps the answer of an update that does not move the meeting', async () => {
    const mine = await booking(
      ADELE,
      ROOM,
      'Rename me',
      '2025-04-10T10:00:00',
      '2025-04-10T11:00:00',
    );
    expect(await roomAnswer(ADELE, mine.body.id, ROOM)).toBe('accepted');
    const renamed = await bed.call('PATCH', `/v1.0/users/${ADELE}/events/${mine.body.id}`, {
      body: { subject: 'Renamed' },
    });
    expect(
      (renamed.body.attendees as Attendee[]).find((a) => a.emailAddress.address === ROOM)!.status
        .response,
    ).toBe('accepted');
  });

  it('holds a delegate-approval room for its delegate again after a move', async () => {
    const ROOM_EXEC = 'room.executive@contoso.com';
    const mine = await booking(
      ADELE,
      ROOM_EXEC,
      'Exec',
      '2025-04-11T10:00:00',
      '2025-04-11T11:00:00',
    );
    await bed.control('POST', `/tenants/contoso.com/events/${mine.body.id}/respond`, {
      attendee: ROOM_EXEC,
      response: 'accepted',
    });
    expect(await roomAnswer(ADELE, mine.body.id, ROOM_EXEC)).toBe('accepted');
    await move(ADELE, mine.body.id, '2025-04-11T14:00:00', '2025-04-11T15:00:00');
    expect(await roomAnswer(ADELE, mine.body.id, ROOM_EXEC)).toBe('none');
  });
});
