// Who attended an org event's Teams meetings, when the tenant allows reading attendance reports:
// the connection holds the attendance tier (OnlineMeetingArtifact.Read.All) and a Teams application
// access policy covers Quorum. Otherwise the answer says which of the two is missing.
import type { TenantConnection } from '../../domain/types.js';
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import {
  listAttendanceRecords,
  listAttendanceReports,
  onlineMeetingId,
} from './attendance-reports.js';
import type { OrgEvent } from './org-event.js';

export type AttendanceView =
  | {
      available: true;
      /** Sessions held, across parts. */
      reports: number;
      attendees: { email: string; name: string | null; seconds: number; role: string | null }[];
    }
  | {
      available: false;
      /**
       * `tier`: the connection lacks OnlineMeetingArtifact.Read.All; `policy`: Teams refused without
       * an application access policy for Quorum; `not_online`: the event has no Teams meeting;
       * `unavailable`: Graph failed otherwise (retry later).
       */
      reason: 'tier' | 'policy' | 'not_online' | 'unavailable';
      detail: string;
    };

export const ATTENDANCE_PERMISSION = 'OnlineMeetingArtifact.Read.All';

export async function readAttendance(
  graph: GraphClient,
  event: Readonly<OrgEvent>,
  connection: Readonly<TenantConnection> | undefined,
): Promise<AttendanceView> {
  const meetings = event.parts
    .map((p) => (p.joinUrl ? onlineMeetingId(event.serviceMailbox.userId, p.joinUrl) : undefined))
    .filter((id): id is string => id !== undefined);
  if (meetings.length === 0) {
    return {
      available: false,
      reason: 'not_online',
      detail: event.teams
        ? 'Microsoft 365 created the event without a Teams meeting (the service mailbox has no Teams).'
        : 'The event was sent without a Teams meeting.',
    };
  }
  if (connection?.tier !== 'attendance') {
    return {
      available: false,
      reason: 'tier',
      detail: `Grant Quorum the ${ATTENDANCE_PERMISSION} application permission (admin consent), then re-verify the connection.`,
    };
  }
  const { tenantId, userId } = event.serviceMailbox;
  const byEmail = new Map<string, { name: string | null; seconds: number; role: string | null }>();
  let reports = 0;
  try {
    for (const meetingId of meetings) {
      for (const report of await listAttendanceReports(graph, tenantId, userId, meetingId)) {
        reports += 1;
        for (const record of await listAttendanceRecords(
          graph,
          tenantId,
          userId,
          meetingId,
          report.id,
        )) {
          const email = (record.emailAddress ?? '').toLowerCase();
          if (!email) continue;
          const seen = byEmail.get(email);
          byEmail.set(email, {
            name: record.identity?.displayName ?? seen?.name ?? null,
            seconds: (seen?.seconds ?? 0) + (record.totalAttendanceInSeconds ?? 0),
            role: record.role ?? seen?.role ?? null,
          });
        }
      }
    }
  } catch (error) {
    if (error instanceof GraphError && error.status === 403) {
      return {
        available: false,
        reason: 'policy',
        detail:
          'Teams refused to share attendance reports: a Teams administrator must grant Quorum an application access policy (New-CsApplicationAccessPolicy, Grant-CsApplicationAccessPolicy).',
      };
    }
    return {
      available: false,
      reason: 'unavailable',
      detail: `Attendance reports could not be read now (${error instanceof GraphError ? `${error.status} ${error.code}` : 'error'}); try again later.`,
    };
  }
  return {
    available: true,
    reports,
    attendees: [...byEmail]
      .map(([email, v]) => ({ email, ...v }))
      .sort((a, b) => b.seconds - a.seconds),
  };
}
