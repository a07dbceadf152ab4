// Teams meeting attendance (graph-facts §5): `GET /users/{id}/onlineMeetings/{meetingId}/
// attendanceReports` and `…/attendanceReports/{reportId}/attendanceRecords`, for the Teams meetings
// of events. Application access needs `OnlineMeetingArtifact.Read.All` and a Teams application access
// policy granted to the app (`New-CsApplicationAccessPolicy` + `Grant-CsApplicationAccessPolicy`),
// which the control API grants per tenant. Reports are added through the control API.
//
// Decision [U]: an event's online meeting id is base64("1*{organizerObjectId}*0**{threadId}"), the
// shape real ids have (they start "MSo", base64 of "1*"); the thread id is the
// `19:meeting_…@thread.v2` segment of the join URL.
import { randomUUID } from 'node:crypto';
import type { Tenant } from '../world/types.js';
import { GraphHttpError } from './errors.js';
import type { StoredEvent } from './event-model.js';
import { odataContext } from './odata.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import type { GraphState } from './state.js';

export interface AttendanceRecord {
  emailAddress: string;
  displayName: string;
  userId: string | null;
  role: 'Organizer' | 'Presenter' | 'Attendee';
  totalAttendanceInSeconds: number;
  joinDateTime: string;
  leaveDateTime: string;
}

export interface AttendanceReport {
  id: string;
  meetingStartDateTime: string;
  meetingEndDateTime: string;
  records: AttendanceRecord[];
}

/** Reports by meeting id, and the (tenant, app) pairs a Teams application access policy covers. */
export class AttendanceState {
  readonly reports = new Map<string, AttendanceReport[]>();
  readonly policies = new Set<string>();

  policyKey(tenantId: string, appId: string): string {
    return `${tenantId}/${appId.toLowerCase()}`;
  }
}

const states = new WeakMap<GraphState, AttendanceState>();

export function attendanceOf(state: GraphState): AttendanceState {
  let attendance = states.get(state);
  if (!attendance) {
    attendance = new AttendanceState();
    states.set(state, attendance);
  }
  return attendance;
}

/** The `19:meeting_…@thread.v2` id in a Teams join URL. */
export function threadIdOf(joinUrl: string): string | undefined {
  const match = /\/meetup-join\/([^/]+)\//.exec(joinUrl);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The online meeting id of an organizer's event with a Teams meeting. */
export function onlineMeetingIdOf(event: StoredEvent): string | undefined {
  const thread = event.onlineMeeting ? threadIdOf(event.onlineMeeting.joinUrl) : undefined;
  if (!thread) return undefined;
  return Buffer.from(`1*${event.owner.userId}*0**${thread}`).toString('base64');
}

const notFound = () =>
  new GraphHttpError(404, 'NotFound', 'The online meeting was not found for this user.');

function meetingOf(call: Call): string {
  const id = call.params.meeting ?? '';
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const match = /^1\*([^*]+)\*0\*\*(.+)$/.exec(decoded);
  if (!match || match[1]?.toLowerCase() !== call.user.id.toLowerCase()) throw notFound();
  const box = call.state.store.open(call.caller.tenant, call.user);
  const found = [...box.events.values()].some(
    (e) => e.isOrganizer && e.onlineMeeting && threadIdOf(e.onlineMeeting.joinUrl) === match[2],
  );
  if (!found) throw notFound();
  return id;
}

/** Without a Teams application access policy for the app, Graph refuses (observed wording). */
function checkPolicy(call: Call, tenant: Tenant): void {
  const attendance = attendanceOf(call.state);
  if (!call.caller.isApp) return;
  if (attendance.policies.has(attendance.policyKey(tenant.id, call.caller.appId))) return;
  throw new GraphHttpError(403, 'General', 'No application access policy found for this app.');
}

function reportsOf(call: Call): AttendanceReport[] {
  checkPolicy(call, call.caller.tenant);
  return attendanceOf(call.state).reports.get(meetingOf(call)) ?? [];
}

function listReports(call: Call): GraphResponse {
  const reports = reportsOf(call);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(
        call,
        `users('${call.params.user}')/onlineMeetings('${call.params.meeting}')/attendanceReports`,
      ),
      value: reports.map((r) => ({
        id: r.id,
        totalParticipantCount: r.records.length,
        meetingStartDateTime: r.meetingStartDateTime,
        meetingEndDateTime: r.meetingEndDateTime,
      })),
    },
  };
}

function listRecords(call: Call): GraphResponse {
  const report = reportsOf(call).find((r) => r.id === call.params.report);
  if (!report) throw new GraphHttpError(404, 'NotFound', 'The attendance report was not found.');
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'attendanceRecords'),
      value: report.records.map((r) => ({
        id: randomUUID(),
        emailAddress: r.emailAddress,
        totalAttendanceInSeconds: r.totalAttendanceInSeconds,
        role: r.role,
        identity: { id: r.userId, displayName: r.displayName, tenantId: call.caller.tenant.id },
        attendanceIntervals: [
          {
            joinDateTime: r.joinDateTime,
            leaveDateTime: r.leaveDateTime,
            durationInSeconds: r.totalAttendanceInSeconds,
          },
        ],
      })),
    },
  };
}

const access = { family: 'outlook', anyOf: ['OnlineMeetingArtifact.Read.All'] } as const;
const mailbox = { param: 'user', need: 'calendar' } as const;
const base = '/users/:user/onlineMeetings/:meeting/attendanceReports';

export const attendanceRoutes: RouteDef[] = [
  { method: 'GET', pattern: base, access, mailbox, handler: listReports },
  {
    method: 'GET',
    pattern: `${base}/:report/attendanceRecords`,
    access,
    mailbox,
    handler: listRecords,
  },
];
