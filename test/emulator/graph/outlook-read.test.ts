// Bullets 3–5 (reads): mailbox settings, mailbox-state errors, calendars, calendarView (window,
// recurrence across DST, all-day, paging, Prefer time zone), getSchedule shapes and limits, places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, utc, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());

const MAILBOX_NOT_ENABLED = {
  code: 'MailboxNotEnabledForRESTAPI',
  message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
};
const ODATA_DISABLED = { code: 'ErrorAccessDenied', message: 'Access to OData is disabled.' };

describe('mailboxSettings', () => {
  it('returns time zone, working hours, language, replies and purpose', async () => {
    const res = await bed.call('GET', '/v1.0/users/enrico.cattaneo@contoso.com/mailboxSettings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: 'W. Europe Standard Time',
      userPurpose: { value: 'user' },
      language: { locale: expect.any(String), displayName: expect.any(String) },
      automaticRepliesSetting: { status: 'disabled', externalAudience: 'all' },
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '17:00:00.0000000',
        timeZone: { name: 'W. Europe Standard Time' },
      },
    });
  });

  it.each([
    ['room.rainier@contoso.com', 'room'],
    ['events@contoso.com', 'shared'],
    ['projector.sea@contoso.com', 'equipment'],
  ])('answers for %s with userPurpose %s', async (upn, purpose) => {
    const res = await bed.call('GET', `/v1.0/users/${upn}/mailboxSettings`);
    expect(res.status).toBe(200);
    expect(res.body.userPurpose).toEqual({ value: purpose });
  });

  it('serves a single setting as its value', async () => {
    const res = await bed.call('GET', '/v1.0/users/lee.gu@contoso.com/mailboxSettings/timeZone');
    expect(res.body.value).toBe('Tokyo Standard Time');
  });
});

describe('mailbox states', () => {
  it.each([
    ['an unlicensed user', 'nestor.wilke@contoso.com'],
    ['an on-premises mailbox', 'lidia.holloway@contoso.com'],
    ['a guest without a mailbox here', 'pat.kowalski_fabrikam.com#EXT#@contoso.onmicrosoft.com'],
  ])('answers 404 MailboxNotEnabledForRESTAPI for %s', async (_, upn) => {
    for (const path of ['mailboxSettings', 'calendar', 'calendars']) {
      const res = await bed.call('GET', `/v1.0/users/${encodeURIComponent(upn)}/${path}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject(MAILBOX_NOT_ENABLED);
    }
  });

  it('answers 403 "Access to OData is disabled." on every Outlook route outside the access scope', async () => {
    const upn = 'pradeep.gupta@contoso.com';
    for (const path of [
      'mailboxSettings',
      'calendar',
      'calendarView?startDateTime=2025-03-03&endDateTime=2025-03-04',
    ]) {
      const res = await bed.call('GET', `/v1.0/users/${upn}/${path}`);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject(ODATA_DISABLED);
    }
    const event = await bed.call('POST', `/v1.0/users/${upn}/events`, {
      body: { subject: 'x', start: utc('2025-03-04T10:00:00'), end: utc('2025-03-04T11:00:00') },
    });
    expect(event.status).toBe(403);
  });

  it('lets settings through but not the calendar for a settings-only RBAC scope', async () => {
    const upn = 'grady.archie@contoso.com';
    expect((await bed.call('GET', `/v1.0/users/${upn}/mailboxSettings`)).status).toBe(200);
    const cal = await bed.call('GET', `/v1.0/users/${upn}/calendar?$select=id`);
    expect(cal.status).toBe(403);
    expect(cal.body.error).toMatchObject(ODATA_DISABLED);
  });

  it('keeps the mailbox of a disabled account', async () => {
    expect((await bed.call('GET', '/v1.0/users/diego.siciliani@contoso.com/calendar')).status).toBe(
      200,
    );
  });

  it('follows licence changes made through the control API', async () => {
    const patch = await bed.control('PATCH', '/tenants/contoso.com/users/raul.razo@contoso.com', {
      licensed: false,
    });
    expect(patch.status).toBe(200);
    expect((await bed.call('GET', '/v1.0/users/raul.razo@contoso.com/calendar')).status).toBe(404);
    await bed.control('PATCH', '/tenants/contoso.com/users/raul.razo@contoso.com', {
      licensed: true,
    });
    expect((await bed.call('GET', '/v1.0/users/raul.razo@contoso.com/calendar')).status).toBe(200);
  });
});

describe('calendars', () => {
  it('gets the default calendar with $select=id', async () => {
    const res = await bed.call('GET', '/v1.0/users/adele.vance@contoso.com/calendar?$select=id');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['@odata.context', 'id']);
  });

  it('creates a "Quorum Scheduler" calendar and lists it; a duplicate name is 409', async () => {
    const created = await bed.call('POST', '/v1.0/users/miriam.graham@contoso.com/calendars', {
      body: { name: 'Quorum Scheduler' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Quorum Scheduler',
      isDefaultCalendar: false,
      canEdit: true,
    });
    const list = await bed.call('GET', '/v1.0/users/miriam.graham@contoso.com/calendars');
    expect(list.body.value.map((c: { name: string }) => c.name)).toEqual([
      'Calendar',
      'Quorum Scheduler',
    ]);
    const again = await bed.call('POST', '/v1.0/users/miriam.graham@contoso.com/calendars', {
      body: { name: 'Quorum Scheduler' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ErrorFolderExists');
  });

  it('advertises Teams only where the mailbox allows it', async () => {
    const teams = await bed.call('GET', '/v1.0/users/adele.vance@contoso.com/calendar');
    expect(teams.body.allowedOnlineMeetingProviders).toEqual(['teamsForBusiness']);
    const none = await bed.call('GET', '/v1.0/users/irvin.sayers@contoso.com/calendar');
    expect(none.body.allowedOnlineMeetingProviders).toEqual([]);
  });
});

describe('calendarView', () => {
  it('requires the time window with Outlook exact message', async () => {
    const res = await bed.call('GET', '/v1.0/users/adele.vance@contoso.com/calendarView');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'ErrorInvalidParameter',
      message:
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    });
  });

  it('expands a weekday standup at 09:30 Pacific across the DST change', async () => {
    const res = await bed.call(
      'GET',
      '/v1.0/users/allan.deyoung@contoso.com/calendarView?startDateTime=2025-03-06T00:00:00Z&endDateTime=2025-03-12T00:00:00Z&$top=50',
    );
    const standups = res.body.value.filter(
      (e: { subject: string }) => e.subject === 'Engineering standup',
    );
    expect(standups.map((e: { start: { dateTime: string } }) => e.start.dateTime)).toEqual([
      '2025-03-06T17:30:00.0000000',
      '2025-03-07T17:30:00.0000000',
      '2025-03-10T16:30:00.0000000',
      '2025-03-11T16:30:00.0000000',
    ]);
    expect(standups[0]).toMatchObject({
      type: 'occurrence',
      seriesMasterId: expect.any(String),
      end: { timeZone: 'UTC' },
    });
  });

  it('formats times in the Prefer: outlook.timezone zone and says so', async () => {
    const res = await bed.call(
      'GET',
      '/v1.0/users/allan.deyoung@contoso.com/calendarView?startDateTime=2025-03-10T00:00:00Z&endDateTime=2025-03-11T00:00:00Z',
      { headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } },
    );
    const standup = res.body.value.find(
      (e: { subject: string }) => e.subject === 'Engineering standup',
    );
    expect(standup.start).toEqual({
      dateTime: '2025-03-10T09:30:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
    expect(res.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
  });

  it('returns all-day events as dates', async () => {
    const res = await bed.call(
      'GET',
      '/v1.0/users/enrico.cattaneo@contoso.com/calendarView?startDateTime=2025-03-03T00:00:00Z&endDateTime=2025-03-10T00:00:00Z',
    );
    const holiday = res.body.value.find((e: { subject: string }) => e.subject === 'Holiday');
    expect(holiday).toMatchObject({
      isAllDay: true,
      showAs: 'oof',
      start: { dateTime: '2025-03-05T00:00:00.0000000' },
      end: { dateTime: '2025-03-08T00:00:00.0000000' },
    });
  });

  it('pages 10 by default with $skip nextLinks, and honours $top', async () => {
    const base =
      '/v1.0/users/allan.deyoung@contoso.com/calendarView?startDateTime=2025-03-03T00:00:00Z&endDateTime=2025-03-31T00:00:00Z';
    const first = await bed.call('GET', base);
    expect(first.body.value).toHaveLength(10);
    const next = new URL(first.body['@odata.nextLink']);
    expect(next.origin).toBe(bed.emu.graphUrl);
    expect(next.searchParams.get('$skip')).toBe('10');
    const second = await bed.call('GET', first.body['@odata.nextLink']);
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
    const top = await bed.call('GET', `${base}&$top=3`);
    expect(top.body.value).toHaveLength(3);
    expect(new URL(top.body['@odata.nextLink']).searchParams.get('$top')).toBe('3');
  });
});

describe('getSchedule', () => {
  const window = { startTime: utc('2025-03-05T17:00:00'), endTime: utc('2025-03-05T21:00:00') };
  const post = (body: unknown, headers?: Record<string, string>) =>
    bed.call('POST', '/v1.0/users/adele.vance@contoso.com/calendar/getSchedule', { body, headers });

  it('answers one entry per address with availabilityView, items without subjects and working hours', async () => {
    const res = await post({
      schedules: [
        'allan.deyoung@contoso.com',
        'enrico.cattaneo@contoso.com',
        'daniel.kim@contoso.com',
        'nobody@contoso.com',
      ],
      ...window,
      availabilityViewInterval: 30,
    });
    expect(res.status).toBe(200);
    const [allan, enrico, daniel, nobody] = res.body.value;
    // 09:00–13:00 Pacific: standup 09:30–09:45 (busy), 1:1 none on Wednesday; product sync 11:00 (tentative).
    expect(allan.scheduleId).toBe('allan.deyoung@contoso.com');
    expect(allan.availabilityView).toHaveLength(8);
    expect(allan.availabilityView[1]).toBe('2');
    expect(allan.availabilityView[4]).toBe('1');
    expect(allan.scheduleItems[0]).toEqual({
      isPrivate: false,
      status: 'busy',
      start: { dateTime: '2025-03-05T17:30:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-03-05T17:45:00.0000000', timeZone: 'UTC' },
    });
    expect(allan.workingHours).toMatchObject({
      startTime: '09:00:00.0000000',
      timeZone: { name: 'Pacific Standard Time' },
    });
    expect(enrico.availabilityView).toBe('33333333');
    // Working elsewhere reads as 0 for backward compatibility; it still appears as an item.
    expect(daniel.availabilityView).toMatch(/^[0-2]+$/);
    expect(nobody).toEqual({
      scheduleId: 'nobody@contoso.com',
      error: {
        message:
          'Unable to resolve e-mail address nobody@contoso.com to an Active Directory object.',
        responseCode: '5009',
      },
    });
  });

  it('shows working elsewhere as status workingElsewhere and 0 in the view', async () => {
    const res = await post({
      schedules: ['daniel.kim@contoso.com'],
      startTime: utc('2025-03-07T18:00:00'),
      endTime: utc('2025-03-07T19:00:00'),
      availabilityViewInterval: 60,
    });
    expect(res.body.value[0].availabilityView).toBe('0');
    expect(res.body.value[0].scheduleItems.map((i: { status: string }) => i.status)).toContain(
      'workingElsewhere',
    );
  });

  it('resolves addresses of another tenant as unknown (5009)', async () => {
    const res = await post({ schedules: ['kim.akers@fabrikam.com'], ...window });
    expect(res.body.value[0].error.responseCode).toBe('5009');
  });

  it('rejects more than 100 schedules with ErrorMailboxDataArrayTooBig', async () => {
    const schedules = Array.from({ length: 101 }, (_, i) => `p${i}@contoso.com`);
    const res = await post({ schedules, ...window });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'ErrorMailboxDataArrayTooBig',
      message:
        'There are too many target users in the EmailAddress array. The allowed size = 100; the actual size = 101.',
    });
  });

  it.each([4, 1441])('rejects availabilityViewInterval %i', async (interval) => {
    const res = await post({
      schedules: ['adele.vance@contoso.com'],
      ...window,
      availabilityViewInterval: interval,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ErrorInvalidMergedFreeBusyInterval');
  });

  it('rejects a window of 62 days or more, accepts 61', async () => {
    const long = await post({
      schedules: ['adele.vance@contoso.com'],
      startTime: utc('2025-03-01T00:00:00'),
      endTime: utc('2025-05-02T00:00:00'),
    });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('ErrorTimeIntervalTooBig');
    const ok = await post({
      schedules: ['adele.vance@contoso.com'],
      startTime: utc('2025-03-01T00:00:00'),
      endTime: utc('2025-05-01T00:00:00'),
      availabilityViewInterval: 1440,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.value[0].availabilityView).toHaveLength(61);
  });

  it('refuses findMeetingTimes for app-only tokens', async () => {
    const res = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/findMeetingTimes', {
      body: {},
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ErrorAccessDenied');
  });
});

describe('places', () => {
  it('lists rooms with their fields and pages with $top/$skip', async () => {
    const all = await bed.call('GET', '/v1.0/places/microsoft.graph.room');
    expect(all.status).toBe(200);
    expect(all.body.value).toHaveLength(10);
    expect(
      all.body.value.find(
        (r: { emailAddress: string }) => r.emailAddress === 'room.rainier@contoso.com',
      ),
    ).toMatchObject({
      '@odata.type': '#microsoft.graph.room',
      displayName: 'Rainier (12)',
      capacity: 12,
      building: 'Building 1',
      floorNumber: 1,
      isWheelChairAccessible: true,
      bookingType: 'standard',
    });
    const page = await bed.call('GET', '/v1.0/places/microsoft.graph.room?$top=4&$skip=4');
    expect(page.body.value).toHaveLength(4);
    expect(new URL(page.body['@odata.nextLink']).searchParams.get('$skip')).toBe('8');
  });

  it('lists room lists and the rooms of one by its email address', async () => {
    const lists = await bed.call('GET', '/v1.0/places/microsoft.graph.roomlist');
    expect(lists.body.value.map((l: { emailAddress: string }) => l.emailAddress)).toEqual([
      'rooms.seattle@contoso.com',
      'rooms.london@contoso.com',
    ]);
    const london = await bed.call(
      'GET',
      '/v1.0/places/rooms.london@contoso.com/microsoft.graph.roomlist/rooms',
    );
    expect(london.body.value).toHaveLength(4);
  });

  it('requires Place.Read.All', async () => {
    const res = await bed.call('GET', '/v1.0/places/microsoft.graph.room', {
      token: await bed.mint({ roles: ['Calendars.Read'] }),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ErrorAccessDenied');
  });
});
