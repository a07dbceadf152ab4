// Time-zone arithmetic for Outlook: Windows or IANA names, wall-clock ↔ UTC through Intl (DST-safe),
// and Graph's `dateTimeTimeZone` strings ("2024-05-06T09:30:00.0000000").
import { findIana } from 'windows-iana';
import { GraphErrors } from './errors.js';

const ianaCache = new Map<string, string | null>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The IANA zone for a Windows or IANA name, or undefined when neither Windows nor Intl knows it. */
export function toIana(name: string): string | undefined {
  const cached = ianaCache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  let result: string | null = null;
  if (/^(utc|gmt|coordinated universal time)$/i.test(name)) result = 'UTC';
  else {
    const fromWindows = findIana(name)[0];
    if (fromWindows) result = fromWindows;
    else {
      try {
        result = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      } catch {
        result = null;
      }
    }
  }
  ianaCache.set(name, result);
  return result ?? undefined;
}

/** Like `toIana`, but an unknown name is the 400 Outlook answers with. */
export function requireIana(name: string): string {
  const iana = toIana(name);
  if (!iana) throw GraphErrors.timeZoneNotSupported(name);
  return iana;
}

function formatter(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(iana, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClockOf(utcMs: number, iana: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(iana).formatToParts(new Date(utcMs))) {
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

function offsetMs(utcMs: number, iana: string): number {
  const w = wallClockOf(utcMs, iana);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in a zone. In a DST gap the time is moved forward by the gap
 * (as Exchange does); in an overlap the earlier instant wins.
 */
export function wallClockToUtc(w: WallClock, iana: string): number {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = naive - offsetMs(naive, iana);
  const second = naive - offsetMs(first, iana);
  if (first === second) return first;
  // Overlap or gap: pick the earlier candidate that round-trips, else the later one (gap).
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) {
    const back = wallClockOf(c, iana);
    if (back.hour === w.hour && back.minute === w.minute && back.day === w.day) return c;
  }
  return Math.max(first, second);
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** Parses Graph's zone-less local `dateTime` ("2024-05-06T09:30:00.0000000"). */
export function parseLocalDateTime(text: string): WallClock | undefined {
  const m = localPattern.exec(text.trim());
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
}

/**
 * An ISO 8601 instant as Graph reads query windows: the given offset or `Z`, and UTC when the
 * string has none (JavaScript would read it as local time).
 */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  if (localPattern.test(trimmed)) {
    const w = parseLocalDateTime(trimmed);
    return w ? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    return undefined;
  }
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Graph's 7-digit fractional local format. */
export function formatWallClock(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.0000000`;
}

/** A `dateTimeTimeZone` for an instant, expressed in `zoneName` (Windows or IANA, echoed as given). */
export function toDateTimeTimeZone(
  utcMs: number,
  zoneName: string,
): { dateTime: string; timeZone: string } {
  const iana = toIana(zoneName) ?? 'UTC';
  return { dateTime: formatWallClock(wallClockOf(utcMs, iana)), timeZone: zoneName };
}

/** Reads a `dateTimeTimeZone` body value into a UTC instant (400 on a bad date or zone). */
export function fromDateTimeTimeZone(value: { dateTime: string; timeZone?: string }): number {
  const w = parseLocalDateTime(value.dateTime);
  if (!w) {
    // A dateTime that carries its own offset is accepted by Outlook too.
    const instant = parseInstant(value.dateTime);
    if (instant === undefined) {
      throw GraphErrors.badRequest(
        `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.String'.`,
      );
    }
    return instant;
  }
  return wallClockToUtc(w, requireIana(value.timeZone ?? 'UTC'));
}

/** Adds whole days to a calendar date (no zone involved). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function dayOfWeek(date: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export const DAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type DayName = (typeof DAY_NAMES)[number];

/** Parses "YYYY-MM-DD". */
export function parseDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

export function formatDate(d: { year: number; month: number; day: number }): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** Reads `Prefer: outlook.timezone="…"`; undefined when absent. */
export function preferredTimeZone(prefer: string | undefined): string | undefined {
  if (!prefer) return undefined;
  const m = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(prefer);
  return m?.[1];
}
