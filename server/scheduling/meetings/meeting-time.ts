// Meeting times: what clients send (an instant with an offset, or a wall-clock time in the meeting's
// zone), what Quorum stores (UTC instants) and what Graph takes and gives (`dateTimeTimeZone`).
import type { DateTimeTimeZone } from '../../microsoft/graph-types.js';
import { toIanaTimeZone } from '../../microsoft/time-zones.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

function wallClockAt(utcMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(utcMs: number, zone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return asUtc(wallClockAt(whole, zone)) - whole;
}

/**
 * The instant a wall-clock time in `zone` denotes. A time skipped by a DST change moves forward
 * by the gap, and a repeated one means its first occurrence (Temporal's `compatible`).
 */
export function wallClockToUtc(w: WallClock, zone: string): number {
  const local = asUtc(w);
  const before = offsetAt(local - 86_400_000, zone);
  const after = offsetAt(local + 86_400_000, zone);
  const valid = [local - before, local - after].filter(
    (t) => asUtc(wallClockAt(t, zone)) === local,
  );
  if (valid.length > 0) return Math.min(...valid);
  return local - before;
}

/** The IANA zone for an IANA or Windows name, or undefined when neither. */
export function resolveTimeZone(name: string): string | undefined {
  return toIanaTimeZone(name);
}

/**
 * A client's time as a UTC instant: `2026-03-10T09:00:00-08:00` / `…Z` as given, or a wall-clock
 * `2026-03-10T09:00` in `zone`. Undefined when it is neither.
 */
export function parseMeetingTime(value: string, zone: string): number | undefined {
  if (INSTANT.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = LOCAL.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  return wallClockToUtc({ year, month, day, hour, minute, second }, zone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `{dateTime, timeZone}` for Graph: the instant's wall-clock time in the meeting's zone. */
export function toGraphTime(utcIso: string, zone: string): DateTimeTimeZone {
  const w = wallClockAt(Date.parse(utcIso), zone);
  return {
    dateTime: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`,
    timeZone: zone,
  };
}

/** A Graph `dateTimeTimeZone` (UTC unless `Prefer: outlook.timezone` said otherwise) as a UTC ISO instant. */
export function fromGraphTime(value: DateTimeTimeZone): string | undefined {
  const zone =
    toIanaTimeZone(value.timeZone) ?? (/^utc$/i.test(value.timeZone) ? 'UTC' : undefined);
  if (!zone) return undefined;
  const ms = parseMeetingTime(value.dateTime.replace(/(\.\d{3})\d+$/, '$1'), zone);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
