// The health probe of one member (DESIGN §5): `GET /users/{id}/mailboxSettings` and
// `GET /users/{id}/calendar?$select=id`, sent together through `$batch` — Exchange RBAC for
// Applications can grant one without the other — and what their answers mean (DESIGN §3 table).
import type { BatchItem, BatchItemResult, GraphError } from '../microsoft/graph/index.js';
import type { GraphMailboxSettings, UserPurpose } from '../microsoft/graph-types.js';
import { toIanaTimeZone } from '../microsoft/time-zones.js';
import { userPath } from '../microsoft/paths.js';
import type { WorkingHours } from '../domain/types.js';
import { toStoredValue } from '../store/index.js';
import type { CalendarOutcome } from './member-state.js';

/** Batch items of one member's probe; ids are `{key}:s` (settings) and `{key}:c` (calendar). */
export function probeItems(key: string, objectId: string): BatchItem[] {
  return [
    { id: `${key}:s`, url: `${userPath(objectId)}/mailboxSettings` },
    { id: `${key}:c`, url: `${userPath(objectId)}/calendar?$select=id` },
  ];
}

export type ProbeVerdict =
  | {
      kind: 'connected';
      timeZone: string | null;
      workingHours: WorkingHours | null;
      purpose: UserPurpose | undefined;
    }
  | { kind: 'no_mailbox' }
  | { kind: 'outside_access_scope' }
  /** The user no longer exists (deleted between the sync and the probe). */
  | { kind: 'not_found' }
  /** 429/503/504 or no answer, after every retry. */
  | { kind: 'transient'; retryAfterSeconds: number | undefined }
  /** 403 with no scope signal: consent is missing if every probe of the sweep says so. */
  | { kind: 'denied'; requestId: string | undefined }
  | { kind: 'error'; requestId: string | undefined; code: string };

/** Application access policies and RBAC scopes answer with this message (graph-facts §6.1). */
const SCOPE_SIGNAL = /access to odata is disabled/i;

const isNoMailbox = (e: GraphError) =>
  e.code === 'MailboxNotEnabledForRESTAPI' ||
  (e.code === 'ExtensionError' && /not yet supported for this mailbox/i.test(e.message));
const isScoped = (e: GraphError) => e.status === 403 && SCOPE_SIGNAL.test(e.message);
const isTransient = (e: GraphError) => e.transient || e.status === 0;
const isNotFound = (e: GraphError) =>
  e.status === 404 && (e.code === 'Request_ResourceNotFound' || e.code === 'ResourceNotFound');

/** "HH:mm:ss.fffffff" → "HH:mm". */
const hhmm = (time: string) => time.slice(0, 5);

/** Windows → IANA lookups scan CLDR's table; a sweep asks for the same few zones 50,000 times. */
const zones = new Map<string, string | null>();
function iana(name: string | null | undefined): string | null {
  if (!name) return null;
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = toIanaTimeZone(name) ?? null;
    if (zones.size < 1000) zones.set(name, zone);
  }
  return zone;
}

/**
 * Working hours seen so far, one stored (frozen, shareable) value per distinct set: most members of
 * an org share a handful, and 50,000 copies of the same days and times cost ~15 MB.
 */
const hoursSeen = new Map<string, WorkingHours>();

function sharedHours(hours: WorkingHours): WorkingHours {
  const key = JSON.stringify(hours);
  let shared = hoursSeen.get(key);
  if (!shared) {
    shared = toStoredValue(hours);
    if (hoursSeen.size >= 1000) hoursSeen.clear();
    hoursSeen.set(key, shared);
  }
  return shared;
}

function connected(body: unknown): ProbeVerdict {
  const raw = (body ?? {}) as GraphMailboxSettings;
  const zone = iana(raw.timeZone);
  const hours = raw.workingHours;
  const workingHours: WorkingHours | null = hours
    ? sharedHours({
        daysOfWeek: hours.daysOfWeek,
        startTime: hhmm(hours.startTime),
        endTime: hhmm(hours.endTime),
        timeZone: iana(hours.timeZone?.name) ?? zone ?? 'UTC',
      })
    : null;
  return { kind: 'connected', timeZone: zone, workingHours, purpose: raw.userPurpose?.value };
}

/**
 * The verdict of both answers. Definite signals first: no mailbox, then scope (on either probe),
 * then a vanished user; only then a transient failure, which says nothing about the mailbox.
 */
export function judgeProbe(
  settings: BatchItemResult | undefined,
  calendar: BatchItemResult | undefined,
): ProbeVerdict {
  if (settings?.ok && calendar?.ok) return connected(settings.body);
  const errors = [settings, calendar]
    .filter((r): r is Extract<BatchItemResult, { ok: false }> => r !== undefined && !r.ok)
    .map((r) => r.error);
  if (errors.length === 0) {
    return { kind: 'error', requestId: undefined, code: 'ProbeIncomplete' };
  }
  if (errors.some(isNoMailbox)) return { kind: 'no_mailbox' };
  if (errors.some(isScoped)) return { kind: 'outside_access_scope' };
  if (errors.some(isNotFound)) return { kind: 'not_found' };
  const transient = errors.find(isTransient);
  if (transient) return { kind: 'transient', retryAfterSeconds: transient.retryAfterSeconds };
  if (errors.length === 2 && errors.every((e) => e.status === 403)) {
    return { kind: 'denied', requestId: errors[0]!.requestId };
  }
  const first = errors[0]!;
  return { kind: 'error', requestId: first.requestId, code: first.code };
}

/** Mailboxes that are not people (DESIGN J2): never members. */
export function isNonPerson(purpose: UserPurpose | undefined): boolean {
  return (
    purpose === 'room' || purpose === 'equipment' || purpose === 'shared' || purpose === 'others'
  );
}

/**
 * The calendar outcome of a verdict other than a non-person mailbox. `denied` (403 without a scope
 * signal) means consent is missing only when nothing else answered: the caller decides which.
 */
export function outcomeOfVerdict(
  verdict: ProbeVerdict,
  retryAt: string,
  denied: 'consent_missing' | 'error',
): CalendarOutcome {
  switch (verdict.kind) {
    case 'connected':
      return { kind: 'connected', timeZone: verdict.timeZone, workingHours: verdict.workingHours };
    case 'no_mailbox':
    case 'outside_access_scope':
      return { kind: 'reason', reason: verdict.kind };
    case 'not_found':
      return { kind: 'reason', reason: 'not_in_directory' };
    case 'transient':
      return { kind: 'transient', retryAt };
    case 'denied':
      return { kind: 'reason', reason: denied, requestId: verdict.requestId };
    case 'error':
      return { kind: 'reason', reason: 'error', requestId: verdict.requestId };
  }
}
