// Mailbox settings (graph-facts §2.4): time zone, working hours and what kind of mailbox it is —
// rooms and shared mailboxes are not members. Windows zone names become IANA names here.

import type { GraphClient } from './graph/index.js';
import type {
  DayOfWeek,
  GraphMailboxSettings,
  GraphWorkingHours,
  UserPurpose,
} from './graph-types.js';
import { userPath } from './paths.js';
import { toIanaTimeZone } from './time-zones.js';

export interface WorkingHours {
  daysOfWeek: DayOfWeek[];
  /** `HH:mm:ss` wall-clock time in `timeZone`. */
  startTime: string;
  endTime: string;
  /** IANA name; undefined for a custom zone Quorum cannot name. */
  timeZone: string | undefined;
}

export interface MailboxSettings {
  /** IANA name; undefined when unset or a custom zone. */
  timeZone: string | undefined;
  /** As Graph sent it (usually a Windows name), for display and diagnostics. */
  rawTimeZone: string | undefined;
  workingHours: WorkingHours | undefined;
  userPurpose: UserPurpose | undefined;
}

/** `GET /users/{id}/mailboxSettings` — time zone, working hours and mailbox purpose, normalized. */
export async function getMailboxSettings(
  graph: GraphClient,
  tenantId: string,
  userId: string,
): Promise<MailboxSettings> {
  const raw = await graph.get<GraphMailboxSettings>(
    tenantId,
    `${userPath(userId)}/mailboxSettings`,
  );
  return normalizeMailboxSettings(raw);
}

/** Normalizes Graph's `mailboxSettings` (also used for `$batch` answers). */
export function normalizeMailboxSettings(raw: GraphMailboxSettings): MailboxSettings {
  return {
    timeZone: toIanaTimeZone(raw.timeZone),
    rawTimeZone: raw.timeZone ?? undefined,
    workingHours: normalizeWorkingHours(raw.workingHours, raw.timeZone),
    userPurpose: raw.userPurpose?.value,
  };
}

/** Graph's `workingHours` with `"08:00:00.0000000"` trimmed to `"08:00:00"` and the zone as IANA. */
export function normalizeWorkingHours(
  raw: GraphWorkingHours | null | undefined,
  fallbackZone?: string | null,
): WorkingHours | undefined {
  if (!raw) return undefined;
  return {
    daysOfWeek: raw.daysOfWeek,
    startTime: raw.startTime.slice(0, 8),
    endTime: raw.endTime.slice(0, 8),
    timeZone: toIanaTimeZone(raw.timeZone?.name ?? fallbackZone),
  };
}
