// Teams attendance of an org event's meetings (graph-facts §5): reports and their records, read with
// `OnlineMeetingArtifact.Read.All` under a Teams application access policy.
//
// The online meeting id is not on the event. [U] Decision: derive it from the join URL as
// base64("1*{organizerObjectId}*0**{threadId}") — the shape real ids have — rather than looking
// it up by JoinWebUrl, which would need OnlineMeetings.Read.All, a permission Quorum does not ask for.
import type { GraphClient } from '../../microsoft/graph/index.js';
import { segment, userPath } from '../../microsoft/paths.js';

export interface AttendanceReport {
  id: string;
  totalParticipantCount?: number;
  meetingStartDateTime?: string;
  meetingEndDateTime?: string;
}

export interface AttendanceRecord {
  emailAddress?: string | null;
  totalAttendanceInSeconds?: number;
  role?: string;
  identity?: { id?: string | null; displayName?: string | null };
}

/** The online meeting id of a Teams meeting the organizer's event carries, from its join URL. */
export function onlineMeetingId(organizerId: string, joinUrl: string): string | undefined {
  const match = /\/meetup-join\/([^/]+)\//.exec(joinUrl);
  if (!match?.[1]) return undefined;
  let thread: string;
  try {
    thread = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  if (!/^19:meeting_.+@thread\.v2$/.test(thread)) return undefined;
  return Buffer.from(`1*${organizerId}*0**${thread}`).toString('base64');
}

/** `GET /users/{id}/onlineMeetings/{meetingId}/attendanceReports` — one report per session held. */
export async function listAttendanceReports(
  graph: GraphClient,
  tenantId: string,
  organizerId: string,
  meetingId: string,
): Promise<AttendanceReport[]> {
  const reports: AttendanceReport[] = [];
  for await (const page of graph.pages<AttendanceReport>({
    tenantId,
    path: `${userPath(organizerId)}/onlineMeetings/${segment(meetingId)}/attendanceReports`,
  })) {
    reports.push(...page.value);
  }
  return reports;
}

/** `GET /users/{id}/onlineMeetings/{meetingId}/attendanceReports/{reportId}/attendanceRecords` */
export async function listAttendanceRecords(
  graph: GraphClient,
  tenantId: string,
  organizerId: string,
  meetingId: string,
  reportId: string,
): Promise<AttendanceRecord[]> {
  const records: AttendanceRecord[] = [];
  for await (const page of graph.pages<AttendanceRecord>({
    tenantId,
    path: `${userPath(organizerId)}/onlineMeetings/${segment(meetingId)}/attendanceReports/${segment(reportId)}/attendanceRecords`,
  })) {
    records.push(...page.value);
  }
  return records;
}
