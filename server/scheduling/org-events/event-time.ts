// Org event times: the admin sends either an instant with an offset (`2031-05-06T17:00:00Z`) or a
// wall-clock time in the event's zone (`2031-05-06T10:00`); Quorum stores UTC instants and gives
// Graph the wall-clock time in that zone, so invitations show the organizer's zone. An event lasts
// at most 14 days and must not be over.
import { AppError, type FieldIssue } from '../../http/errors.js';
import type { DateTimeTimeZone } from '../../microsoft/graph-types.js';
import { toIanaTimeZone } from '../../microsoft/time-zones.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?$/;

/** An IANA zone for an IANA or Windows name, or undefined when neither is known. */
export function resolveZone(name: string): string | undefined {
  const iana = toIanaTimeZone(name) ?? name;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: iana });
    return iana;
  } catch {
    return undefined;
  }
}

/** Wall-clock fields of an instant in a zone, as if they were UTC (ms). */
function wallClockMs(utcMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of format.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The instant (UTC ms) of `value`, or undefined when it is neither form. */
export function parseEventTime(value: string, zone: string): number | undefined {
  if (INSTANT.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = LOCAL.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return undefined;
  // The zone's offset near that wall-clock time, applied twice to settle across a DST change.
  let guess = wall - (wallClockMs(wall, zone) - wall);
  guess = wall - (wallClockMs(guess, zone) - guess);
  return guess;
}

/** `dateTimeTimeZone` for Graph: the wall-clock time in `zone` (IANA names are accepted by Graph). */
export function toGraphDateTime(utcMs: number, zone: string): DateTimeTimeZone {
  const wall = new Date(wallClockMs(Math.floor(utcMs / 1000) * 1000, zone));
  return { dateTime: wall.toISOString().slice(0, 19), timeZone: zone };
}

const MAX_DURATION_MS = 14 * 86_400_000;

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('ERR_VALIDATION', {
    detail: `${issues.length} field${issues.length === 1 ? '' : 's'} failed validation.`,
    errors: issues,
  });
}

/** Start and end as UTC ms in a known zone, checked: end after start, not over, ≤ 14 days. */
export function eventWindow(
  input: { start: string; end: string; timeZone: string },
  now: number,
): { start: number; end: number; zone: string } {
  const issue = (path: string, message: string): FieldIssue => ({ in: 'body', path, message });
  const zone = resolveZone(input.timeZone);
  if (!zone) throw invalid([issue('timeZone', 'Not a known IANA or Windows time zone.')]);
  const start = parseEventTime(input.start, zone);
  const end = parseEventTime(input.end, zone);
  const shape = 'Use 2031-05-06T10:00 (in timeZone) or an instant such as 2031-05-06T17:00:00Z.';
  const issues: FieldIssue[] = [];
  if (start === undefined) issues.push(issue('start', shape));
  if (end === undefined) issues.push(issue('end', shape));
  if (start !== undefined && end !== undefined) {
    if (end <= start) issues.push(issue('end', 'Must be after start.'));
    else if (end - start > MAX_DURATION_MS) issues.push(issue('end', 'At most 14 days long.'));
    if (end <= now) issues.push(issue('end', 'The event would be over already.'));
  }
  if (issues.length > 0) throw invalid(issues);
  return { start: start!, end: end!, zone };
}
