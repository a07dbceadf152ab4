// Teams attendance reports (graph-facts §5): app access needs OnlineMeetingArtifact.Read.All and a
// Teams application access policy; reports and records of an event's Teams meeting, by the meeting
// id derived from its join URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, utc, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
let organizerId: string;
let meetingId: string;
let eventId: string;

beforeAll(async () => {
  bed = await startGraphTestbed();
  const created = await bed.call('POST', '/v1.0/users/adele.vance@contoso.com/events', {
    body: {
      subject: 'Town hall',
      start: utc('2025-03-20T15:00:00Z'),
      end: utc('2025-03-20T16:00:00Z'),
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      attendees: [{ emailAddress: { address: 'rosa.garcia@contoso.com' }, type: 'required' }],
    },
  });
  eventId = created.body.id;
  const joinUrl: string = created.body.onlineMeeting.joinUrl;
  const thread = decodeURIComponent(/meetup-join\/([^/]+)\//.exec(joinUrl)![1]!);
  organizerId = bed.emu.world.findUser(
    bed.emu.world.findTenant('contoso.com')!,
    'adele.vance@contoso.com',
  )!.id;
  meetingId = Buffer.from(`1*${organizerId}*0**${thread}`).toString('base64');
});
afterAll(async () => bed.close());

const reportsPath = () =>
  `/v1.0/users/${organizerId}/onlineMeetings/${meetingId}/attendanceReports`;

describe('attendance reports', () => {
  it('refuses an app without a Teams application access policy', async () => {
    const token = await bed.mint({ roles: ['OnlineMeetingArtifact.Read.All'] });
    const res = await bed.call('GET', reportsPath(), { token });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'General',
      message: 'No application access policy found for this app.',
    });
  });

  it('refuses an app without OnlineMeetingArtifact.Read.All', async () => {
    await bed.control('POST', '/tenants/contoso.com/teams-access-policy', { granted: true });
    const token = await bed.mint({ roles: ['Calendars.ReadWrite'] });
    const res = await bed.call('GET', reportsPath(), { token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ErrorAccessDenied');
  });

  it('lists reports and their records once the policy is granted', async () => {
    await bed.control('POST', '/tenants/contoso.com/teams-access-policy', { granted: true });
    const token = await bed.mint({ roles: ['OnlineMeetingArtifact.Read.All'] });
    expect((await bed.call('GET', reportsPath(), { token })).body.value).toEqual([]);
    const added = await bed.control('POST', `/tenants/contoso.com/events/${eventId}/attendance`, {
      records: [
        { email: 'adele.vance@contoso.com', seconds: 3600, role: 'Organizer' },
        { email: 'rosa.garcia@contoso.com', seconds: 1800 },
      ],
    });
    expect(added.status).toBe(201);
    expect(added.body.meetingId).toBe(meetingId);
    const reports = await bed.call('GET', reportsPath(), { token });
    expect(reports.status).toBe(200);
    expect(reports.body.value).toEqual([
      {
        id: added.body.reportId,
        totalParticipantCount: 2,
        meetingStartDateTime: '2025-03-20T15:00:00.000Z',
        meetingEndDateTime: '2025-03-20T16:00:00.000Z',
      },
    ]);
    const records = await bed.call(
      'GET',
      `${reportsPath()}/${added.body.reportId}/attendanceRecords`,
      { token },
    );
    expect(records.body.value[1]).toMatchObject({
      emailAddress: 'rosa.garcia@contoso.com',
      totalAttendanceInSeconds: 1800,
      role: 'Attendee',
      identity: { displayName: 'Rosa Garcia' },
    });
  });

  it('answers 404 for a meeting id of another organizer or an unknown thread', async () => {
    const token = await bed.mint({ roles: ['OnlineMeetingArtifact.Read.All'] });
    const other = Buffer.from(`1*${organizerId}*0**19:meeting_nope@thread.v2`).toString('base64');
    const res = await bed.call(
      'GET',
      `/v1.0/users/${organizerId}/onlineMeetings/${other}/attendanceReports`,
      { token },
    );
    expect(res.status).toBe(404);
    const rosa = bed.emu.world.findUser(
      bed.emu.world.findTenant('contoso.com')!,
      'rosa.garcia@contoso.com',
    )!;
    const wrongUser = await bed.call(
      'GET',
      `/v1.0/users/${rosa.id}/onlineMeetings/${meetingId}/attendanceReports`,
      { token },
    );
    expect(wrongUser.status).toBe(404);
  });
});
