// Bullet 3 (writes): event creation shape, transactionId de-duplication, Teams meetings, extended
// properties, attendee copies and responses, rooms answering by booking policy, update, cancel
// and delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, utc, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());

const QUORUM_PROP = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name QuorumMeetingId';

function meeting(extra: Record<string, unknown> = {}) {
  return {
    subject: 'Roadmap review',
    body: { contentType: 'HTML', content: '<p>Agenda</p>' },
    start: { dateTime: '2025-03-12T10:00:00', timeZone: 'Pacific Standard Time' },
    end: { dateTime: '2025-03-12T11:00:00', timeZone: 'Pacific Standard Time' },
    attendees: [
      {
        emailAddress: { address: 'rosa.garcia@contoso.com', name: 'Rosa Garcia' },
        type: 'required',
      },
    ],
    ...extra,
  };
}

const attendeeStatus = (
  event: { attendees: { emailAddress: { address: string }; status: { response: string } }[] },
  address: string,
) => event.attendees.find((a) => a.emailAddress.address === address)?.status.response;

describe('creating events', () => {
  it('answers 201 with the full event shape and every attendee at none', async () => {
    const res = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^AAMkA/),
      iCalUId: expect.stringMatching(/^040000008200E00074C5B7101A82E008/),
      subject: 'Roadmap review',
      start: { dateTime: '2025-03-12T10:00:00.0000000', timeZone: 'Pacific Standard Time' },
      originalStartTimeZone: 'Pacific Standard Time',
      isOrganizer: true,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      organizer: { emailAddress: { name: 'Adele Vance', address: 'adele.vance@contoso.com' } },
      attendees: [
        {
          type: 'required',
          status: { response: 'none', time: '0001-01-01T00:00:00Z' },
          emailAddress: { address: 'rosa.garcia@contoso.com', name: 'Rosa Garcia' },
        },
      ],
      showAs: 'busy',
      type: 'singleInstance',
      isCancelled: false,
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
    });
    expect(res.body.transactionId).toBeUndefined();
  });

  it('writes the attendee copy with the same iCalUId, tentative until answered', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ subject: 'Copy check' }),
    });
    const list = await bed.call(
      'GET',
      `/v1.0/users/rosa.garcia@contoso.com/events?$filter=${encodeURIComponent(`iCalUId eq '${created.body.iCalUId}'`)}`,
    );
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0]).toMatchObject({
      isOrganizer: false,
      showAs: 'tentative',
      responseStatus: { response: 'none' },
      subject: 'Copy check',
    });
  });

  it('de-duplicates a retried POST with the same transactionId', async () => {
    const body = meeting({
      subject: 'Retried',
      transactionId: 'f7a1c9e2-1111-4c4c-9d9d-000000000001',
    });
    const first = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', { body });
    const second = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', { body });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.transactionId).toBe('f7a1c9e2-1111-4c4c-9d9d-000000000001');
    const copies = await bed.call(
      'GET',
      `/v1.0/users/rosa.garcia@contoso.com/events?$filter=${encodeURIComponent("subject eq 'Retried'")}`,
    );
    expect(copies.body.value).toHaveLength(1);
    // The same transactionId in another mailbox is another event.
    const other = await bed.call('POST', '/v1.0/users/rosa.garcia@contoso.com/events', { body });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('adds a Teams meeting when the mailbox allows Teams', async () => {
    const res = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
    });
    expect(res.body).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    expect(res.body.onlineMeeting.joinUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/,
    );
    expect(res.body.body.content).toContain(res.body.onlineMeeting.joinUrl);
  });

  it('still answers 201 without a meeting when the mailbox has no Teams', async () => {
    const res = await bed.call('POST', '/v1.0/users/irvin.sayers@contoso.com/events', {
      body: meeting({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
      onlineMeetingUrl: null,
    });
  });

  it('stores extended properties and returns them only when expanded; finds the event by them', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ singleValueExtendedProperties: [{ id: QUORUM_PROP, value: 'mtg-42' }] }),
    });
    expect(created.body.singleValueExtendedProperties).toBeUndefined();
    const plain = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(plain.body.singleValueExtendedProperties).toBeUndefined();
    const expand = encodeURIComponent(
      `singleValueExtendedProperties($filter=id eq '${QUORUM_PROP}')`,
    );
    const expanded = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}?$expand=${expand}`,
    );
    expect(expanded.body.singleValueExtendedProperties).toEqual([
      { id: QUORUM_PROP, value: 'mtg-42' },
    ]);
    const filter = encodeURIComponent(
      `singleValueExtendedProperties/any(ep: ep/id eq '${QUORUM_PROP}' and ep/value eq 'mtg-42')`,
    );
    const found = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events?$filter=${filter}`,
    );
    expect(found.body.value.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
  });

  it('creates in a named calendar and in /calendar/events', async () => {
    const cal = await bed.call('POST', '/v1.0/users/uma.patel@contoso.com/calendars', {
      body: { name: 'Quorum Scheduler' },
    });
    const inCal = await bed.call(
      'POST',
      `/v1.0/users/uma.patel@contoso.com/calendars/${cal.body.id}/events`,
      { body: meeting({ attendees: [] }) },
    );
    expect(inCal.status).toBe(201);
    const view = await bed.call(
      'GET',
      `/v1.0/users/uma.patel@contoso.com/calendars/${cal.body.id}/calendarView?startDateTime=2025-03-12T00:00:00Z&endDateTime=2025-03-13T00:00:00Z`,
    );
    expect(view.body.value.map((e: { id: string }) => e.id)).toEqual([inCal.body.id]);
    const viaDefault = await bed.call('POST', '/v1.0/users/uma.patel@contoso.com/calendar/events', {
      body: meeting({ attendees: [] }),
    });
    expect(viaDefault.status).toBe(201);
  });

  it('rejects unknown properties like Outlook', async () => {
    const res = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ colour: 'red' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('RequestBodyRead');
    expect(res.body.error.message).toMatch(
      /^The property 'colour' does not exist on type 'microsoft.graph.event'/,
    );
  });
});

describe('responses, update, cancel and delete', () => {
  it('tallies accept and decline on the organizer copy', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({
        subject: 'Tally',
        attendees: [
          { emailAddress: { address: 'rosa.garcia@contoso.com' }, type: 'required' },
          { emailAddress: { address: 'daniel.kim@contoso.com' }, type: 'optional' },
        ],
      }),
    });
    const find = async (upn: string) =>
      (
        await bed.call(
          'GET',
          `/v1.0/users/${upn}/events?$filter=${encodeURIComponent(`iCalUId eq '${created.body.iCalUId}'`)}`,
        )
      ).body.value[0];
    const rosaCopy = await find('rosa.garcia@contoso.com');
    const accepted = await bed.call(
      'POST',
      `/v1.0/users/rosa.garcia@contoso.com/events/${rosaCopy.id}/accept`,
      { body: { comment: 'yes', sendResponse: true } },
    );
    expect(accepted.status).toBe(202);
    const danielCopy = await find('daniel.kim@contoso.com');
    expect(
      (
        await bed.call(
          'POST',
          `/v1.0/users/daniel.kim@contoso.com/events/${danielCopy.id}/decline`,
          { body: {} },
        )
      ).status,
    ).toBe(202);
    const organizer = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(attendeeStatus(organizer.body, 'rosa.garcia@contoso.com')).toBe('accepted');
    expect(attendeeStatus(organizer.body, 'daniel.kim@contoso.com')).toBe('declined');
    expect((await find('rosa.garcia@contoso.com')).showAs).toBe('busy');
    expect(await find('daniel.kim@contoso.com')).toBeUndefined();
    const own = await bed.call(
      'POST',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}/accept`,
      { body: {} },
    );
    expect(own.status).toBe(400);
  });

  it('updates with PATCH (200) and the change reaches the copies', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ subject: 'Before' }),
    });
    const patched = await bed.call(
      'PATCH',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
      {
        body: {
          subject: 'After',
          attendees: [
            ...meeting().attendees,
            { emailAddress: { address: 'uma.patel@contoso.com' }, type: 'required' },
          ],
        },
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.subject).toBe('After');
    const filter = encodeURIComponent(`iCalUId eq '${created.body.iCalUId}'`);
    expect(
      (await bed.call('GET', `/v1.0/users/rosa.garcia@contoso.com/events?$filter=${filter}`)).body
        .value[0].subject,
    ).toBe('After');
    expect(
      (await bed.call('GET', `/v1.0/users/uma.patel@contoso.com/events?$filter=${filter}`)).body
        .value,
    ).toHaveLength(1);
  });

  it('cancels as organizer (202), marks copies cancelled, and refuses attendees with 400', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ subject: 'To cancel' }),
    });
    const filter = encodeURIComponent(`iCalUId eq '${created.body.iCalUId}'`);
    const copy = (
      await bed.call('GET', `/v1.0/users/rosa.garcia@contoso.com/events?$filter=${filter}`)
    ).body.value[0];
    const byAttendee = await bed.call(
      'POST',
      `/v1.0/users/rosa.garcia@contoso.com/events/${copy.id}/cancel`,
      { body: { comment: 'no' } },
    );
    expect(byAttendee.status).toBe(400);
    expect(byAttendee.body.error.message).toBe(
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
    const cancelled = await bed.call(
      'POST',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}/cancel`,
      { body: { comment: 'Sorry' } },
    );
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toBeUndefined();
    const after = await bed.call('GET', `/v1.0/users/rosa.garcia@contoso.com/events/${copy.id}`);
    expect(after.body).toMatchObject({ isCancelled: true, subject: 'Canceled: To cancel' });
    const gone = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({
      code: 'ErrorItemNotFound',
      message: 'The specified object was not found in the store.',
    });
  });

  it('deletes (204) and then answers ErrorItemNotFound', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ attendees: [] }),
    });
    const del = await bed.call(
      'DELETE',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(del.status).toBe(204);
    expect(
      (await bed.call('DELETE', `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`))
        .status,
    ).toBe(404);
  });
});

describe('rooms answer by booking policy', () => {
  const withRoom = (room: string, start: string, subject: string) =>
    meeting({
      subject,
      start: { dateTime: start, timeZone: 'Pacific Standard Time' },
      end: {
        dateTime: start.replace(
          /T(\d{2})/,
          (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`,
        ),
        timeZone: 'Pacific Standard Time',
      },
      location: { displayName: room, locationEmailAddress: room },
      attendees: [{ emailAddress: { address: room }, type: 'resource' }],
    });

  it('auto-accepts a free room and declines it when already booked', async () => {
    const first = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: withRoom('room.olympus@contoso.com', '2025-03-13T14:00:00', 'Room A'),
    });
    expect(attendeeStatus(first.body, 'room.olympus@contoso.com')).toBe('none');
    const afterFirst = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${first.body.id}`,
    );
    expect(attendeeStatus(afterFirst.body, 'room.olympus@contoso.com')).toBe('accepted');
    const second = await bed.call('POST', '/v1.0/users/rosa.garcia@contoso.com/events', {
      body: withRoom('room.olympus@contoso.com', '2025-03-13T14:00:00', 'Room B'),
    });
    const afterSecond = await bed.call(
      'GET',
      `/v1.0/users/rosa.garcia@contoso.com/events/${second.body.id}`,
    );
    expect(attendeeStatus(afterSecond.body, 'room.olympus@contoso.com')).toBe('declined');
    const roomView = await bed.call(
      'POST',
      '/v1.0/users/adele.vance@contoso.com/calendar/getSchedule',
      {
        body: {
          schedules: ['room.olympus@contoso.com'],
          startTime: utc('2025-03-13T21:00:00'),
          endTime: utc('2025-03-13T22:00:00'),
          availabilityViewInterval: 60,
        },
      },
    );
    expect(roomView.body.value[0].availabilityView).toBe('2');
  });

  it('declines a restricted room unless the organizer is an allowed booker', async () => {
    const denied = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: withRoom('room.boardroom@contoso.com', '2025-03-14T14:00:00', 'Denied'),
    });
    const d = await bed.call('GET', `/v1.0/users/adele.vance@contoso.com/events/${denied.body.id}`);
    expect(attendeeStatus(d.body, 'room.boardroom@contoso.com')).toBe('declined');
    const allowed = await bed.call('POST', '/v1.0/users/patti.fernandez@contoso.com/events', {
      body: withRoom('room.boardroom@contoso.com', '2025-03-14T14:00:00', 'Allowed'),
    });
    const a = await bed.call(
      'GET',
      `/v1.0/users/patti.fernandez@contoso.com/events/${allowed.body.id}`,
    );
    expect(attendeeStatus(a.body, 'room.boardroom@contoso.com')).toBe('accepted');
  });

  it('holds a delegate-approval room until the delegate answers through the control API', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: withRoom('room.executive@contoso.com', '2025-03-14T09:00:00', 'Pending'),
    });
    const pending = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(attendeeStatus(pending.body, 'room.executive@contoso.com')).toBe('none');
    const answer = await bed.control(
      'POST',
      `/tenants/contoso.com/events/${created.body.id}/respond`,
      { attendee: 'room.executive@contoso.com', response: 'accepted' },
    );
    expect(answer.status).toBe(200);
    const done = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(attendeeStatus(done.body, 'room.executive@contoso.com')).toBe('accepted');
  });

  it('lets a person answer through the control API too', async () => {
    const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
      body: meeting({ subject: 'Control answer' }),
    });
    await bed.control('POST', `/tenants/contoso.com/events/${created.body.id}/respond`, {
      attendee: 'rosa.garcia@contoso.com',
      response: 'tentativelyAccepted',
    });
    const done = await bed.call(
      'GET',
      `/v1.0/users/adele.vance@contoso.com/events/${created.body.id}`,
    );
    expect(attendeeStatus(done.body, 'rosa.garcia@contoso.com')).toBe('tentativelyAccepted');
  });
});
