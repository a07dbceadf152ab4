// Request times: ISO 8601 instants with an offset (`2027-03-15T09:00:00Z`, `…+01:00`), or wall-clock
// times without one when the request names the zone they are in — never a bare local time read as
// the server's zone or as UTC (the shifted-by-the-offset bug other products ship).
import { fromLocal, offsetsOf } from './zoned-time.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;

export type InstantResult = { ok: true; instant: number } | { ok: false; message: string };

/** Parses `value` as an instant; times without an offset are read in `zone` when one is given. */
export function parseInstant(value: string, zone: string | undefined): InstantResult {
  const match = ISO.exec(value.trim());
  if (!match) {
    return { ok: false, message: 'Expected an ISO 8601 date and time, e.g. 2027-03-15T09:00:00Z.' };
  }
  const [, y, mo, d, h, mi, s, , offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, message: 'Not a valid date and time.' };
  }
  if (offset !== undefined) {
    const instant = Date.parse(value.trim());
    return Number.isNaN(instant)
      ? { ok: false, message: 'Not a valid date and time.' }
      : { ok: true, instant };
  }
  if (zone === undefined) {
    return {
      ok: false,
      message: 'Give an offset (Z or ±hh:mm), or name the time zone in `timeZone`.',
    };
  }
  const instant = fromLocal(offsetsOf(zone), { year, month, day, hour, minute });
  return { ok: true, instant: instant + second * 1000 };
}
