// Wall-clock time in IANA zones, from `Intl.DateTimeFormat` offsets: a zone's offset at an instant,
// an instant's local date and time, and the instant of a local date and time — with DST gaps and
// overlaps resolved the way calendars do (a time that does not exist moves forward by the gap; a
// time that exists twice means its first occurrence). Never `new Date(y, m, d)` local arithmetic.

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar date: `month` 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A wall-clock date and time (seconds dropped: calendars schedule in minutes). */
export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether `zone` is a time zone `Intl` knows (IANA names, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** `zone`'s offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function zoneOffset(zone: string, instant: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Something that knows a zone's offset at an instant (`zoneOffset`, or a precomputed window). */
export type OffsetSource = (instant: number) => number;

/** The offset function of `zone` straight from `Intl`. */
export function offsetsOf(zone: string): OffsetSource {
  return (instant) => zoneOffset(zone, instant);
}

/** The local date and time of `instant` in the zone behind `offsetAt`. */
export function toLocal(offsetAt: OffsetSource, instant: number): LocalDateTime {
  const d = new Date(instant + offsetAt(instant));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/**
 * The instant of a local date and time. In a spring-forward gap (02:30 on the night clocks jump
 * from 02:00 to 03:00) it is the time moved forward by the gap (03:30); in a fall-back overlap
 * (01:30 twice) it is the first one. The offsets a day either side bracket any single transition.
 */
export function fromLocal(offsetAt: OffsetSource, local: LocalDateTime): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetAt(asUtc - DAY);
  const after = offsetAt(asUtc + DAY);
  const early = asUtc - before;
  if (before === after) return early;
  const late = asUtc - after;
  const earlyValid = offsetAt(early) === before;
  const lateValid = offsetAt(late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // A gap: read with the offset in force before it, which lands past the jump by its length.
  return early;
}

/** Days since 1970-01-01 of a calendar date (calendar arithmetic, no zone involved). */
export function epochDay(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY);
}

/** The calendar date `days` after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `HH:mm` or `HH:mm:ss(.fffffff)` → minutes after midnight; undefined when malformed. */
export function minutesOfDay(time: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** The local date and time `minutes` after midnight of `date` (1440 is the next midnight). */
export function atMinutes(date: LocalDate, minutes: number): LocalDateTime {
  const day = Math.floor(minutes / 1440);
  const rest = minutes - day * 1440;
  const on = day === 0 ? date : addDays(date, day);
  return { ...on, hour: Math.floor(rest / 60), minute: rest % 60 };
}

export { MINUTE as MINUTE_MS, DAY as DAY_MS };
