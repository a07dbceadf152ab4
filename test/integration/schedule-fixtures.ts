// Shared set-up for the scheduling integration tests: the emulated Contoso connected to an org and
// synced (every person a member with a status, time zone and working hours), the next working
// week, and events written straight into mailboxes through Quorum's own Graph client.
import { TENANTS } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';
import { connectTenant, syncThroughApi } from '../directory/support.js';
import type { Organization } from '../../server/domain/types.js';
import { fromLocal, offsetsOf } from '../../server/scheduling/zoned-time.js';

export const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
export const ADELE = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
export const SAM = { tenant: 'contoso.com', upn: 'sam.taylor@contoso.com' };
export const KIM = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };

const DAY = 86_400_000;

/** Contoso connected, its owner signed in, the directory synced and swept. */
export async function syncedContoso(quorum: TestQuorum): Promise<Organization> {
  const { org } = await connectTenant(quorum, 'contoso.com');
  await quorum.api(MEGAN, 'GET', '/api/org/status');
  const job = await syncThroughApi(quorum, MEGAN);
  if (job.state !== 'succeeded') throw new Error(`sync: ${JSON.stringify(job)}`);
  return org;
}

/** Monday 00:00Z of the week after this one (at least a day away). */
export function nextMonday(now = Date.now()): number {
  const today = new Date(now);
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const untilMonday = (8 - today.getUTCDay()) % 7 || 7;
  return midnight + untilMonday * DAY;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export interface EventSpec {
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  isAllDay?: boolean;
  showAs?: 'busy' | 'tentative' | 'oof' | 'workingElsewhere' | 'free';
  recurrence?: unknown;
}

/** `POST /users/{upn}/events` in Contoso through Quorum's Graph client (app-only). */
export async function createEvent(
  quorum: TestQuorum,
  upn: string,
  spec: EventSpec,
  tenantId: string = TENANTS.contoso.id,
): Promise<string> {
  const event = await quorum.services.graph.post<{ id: string }>(
    tenantId,
    `/users/${encodeURIComponent(upn)}/events`,
    {
      subject: spec.subject,
      start: { dateTime: spec.start, timeZone: spec.timeZone },
      end: { dateTime: spec.end, timeZone: spec.timeZone },
      isAllDay: spec.isAllDay ?? false,
      showAs: spec.showAs ?? 'busy',
      ...(spec.recurrence ? { recurrence: spec.recurrence } : {}),
    },
  );
  return event.id;
}

/** The instant of `hours` (e.g. 9.5) local time in `zone` on the UTC date of `dayMs`. */
export function localTime(zone: string, dayMs: number, hours: number): number {
  const d = new Date(dayMs);
  return fromLocal(offsetsOf(zone), {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: Math.floor(hours),
    minute: Math.round((hours % 1) * 60),
  });
}
