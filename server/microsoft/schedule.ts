// Free/busy through getSchedule (graph-facts §3.3), the one availability read that works app-only
// (findMeetingTimes does not, §3.4). Limits: the docs allow 20 schedules per call (the service
// enforces 100), the window must be shorter than 62 days, the interval 5–1440 minutes. Larger
// asks are split here and stitched back together; the anchor mailbox's 4-in-flight limit is kept
// by the client, since every call goes to `/users/{anchor}/…`.

import type { GraphClient } from './graph/index.js';
import type { GraphScheduleInformation, ShowAs } from './graph-types.js';
import { normalizeWorkingHours, type WorkingHours } from './mailbox-settings.js';
import { userPath } from './paths.js';

export const MAX_SCHEDULES_PER_CALL = 20;
const MINUTE = 60_000;
const MAX_WINDOW_MS = 62 * 24 * 60 * MINUTE;

export interface ScheduleRequest {
  /** SMTP addresses of people and rooms. */
  schedules: readonly string[];
  start: Date | string;
  end: Date | string;
  /** Minutes per `availabilityView` character: 5–1440, default 30. */
  intervalMinutes?: number;
  /** Stops waiting (and retrying) when aborted: the caller's deadline. */
  signal?: AbortSignal;
}

export interface ScheduleItem {
  status: ShowAs;
  /** UTC ISO instants. */
  start: string;
  end: string;
  isPrivate: boolean;
}

export type ScheduleResult =
  | {
      scheduleId: string;
      ok: true;
      /** One digit per interval from `start`: 0 free, 1 tentative, 2 busy, 3 oof, 4 working elsewhere. */
      availabilityView: string;
      items: ScheduleItem[];
      workingHours: WorkingHours | undefined;
    }
  | {
      scheduleId: string;
      ok: false;
      /** Graph's per-schedule error, e.g. responseCode 5009 for an address it cannot resolve. */
      error: { message: string; responseCode: string | undefined };
    };

/**
 * `POST /users/{id}/calendar/getSchedule` — free/busy for any number of mailboxes over any window,
 * as calls of ≤ 20 schedules and < 62 days in parallel. One result per distinct address, in the
 * order asked. Times go out and come back in UTC (no `Prefer: outlook.timezone`).
 */
export async function getSchedule(
  graph: GraphClient,
  tenantId: string,
  anchor: string,
  req: ScheduleRequest,
): Promise<ScheduleResult[]> {
  const interval = req.intervalMinutes ?? 30;
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw new RangeError(`getSchedule intervalMinutes must be 5..1440, got ${interval}`);
  }
  const start = instant(req.start, 'start');
  const end = instant(req.end, 'end');
  if (start >= end) throw new RangeError('getSchedule window must end after it starts');

  const addresses = distinct(req.schedules);
  const chunks = chunk(addresses, MAX_SCHEDULES_PER_CALL);
  const windows = splitWindow(start, end, interval);
  const answers = await Promise.all(
    windows.map((w) =>
      Promise.all(
        chunks.map((schedules) =>
          callOnce(graph, tenantId, anchor, schedules, w, interval, req.signal),
        ),
      ),
    ),
  );
  // answers[window][chunk] → per address, the pieces in time order.
  const pieces = new Map<string, GraphScheduleInformation[]>(
    addresses.map((a) => [a.toLowerCase(), []]),
  );
  for (const perWindow of answers) {
    perWindow.forEach((infos, c) => {
      const asked = chunks[c] ?? [];
      asked.forEach((address, i) => {
        const info =
          infos.find((s) => s.scheduleId?.toLowerCase() === address.toLowerCase()) ?? infos[i];
        pieces
          .get(address.toLowerCase())
          ?.push(info ?? { scheduleId: address, error: { message: 'no schedule returned' } });
      });
    });
  }
  return addresses.map((address) => merge(address, pieces.get(address.toLowerCase()) ?? []));
}

/**
 * Windows shorter than 62 days, each a whole number of intervals long so the availability views
 * of consecutive pieces line up.
 */
export function splitWindow(
  start: number,
  end: number,
  intervalMinutes: number,
): [number, number][] {
  const step = intervalMinutes * MINUTE;
  const longest = Math.floor((MAX_WINDOW_MS - 1) / step) * step;
  const windows: [number, number][] = [];
  for (let from = start; from < end; from += longest) {
    windows.push([from, Math.min(end, from + longest)]);
  }
  return windows;
}

async function callOnce(
  graph: GraphClient,
  tenantId: string,
  anchor: string,
  schedules: readonly string[],
  [from, to]: [number, number],
  interval: number,
  signal: AbortSignal | undefined,
): Promise<GraphScheduleInformation[]> {
  const body = await graph.post<{ value?: GraphScheduleInformation[] }>(
    tenantId,
    `${userPath(anchor)}/calendar/getSchedule`,
    {
      schedules,
      startTime: { dateTime: wallClockUtc(from), timeZone: 'UTC' },
      endTime: { dateTime: wallClockUtc(to), timeZone: 'UTC' },
      availabilityViewInterval: interval,
    },
    // A POST that only reads: safe to replay after a 429.
    { idempotent: true, ...(signal ? { signal } : {}) },
  );
  return body?.value ?? [];
}

function merge(address: string, pieces: GraphScheduleInformation[]): ScheduleResult {
  const failed = pieces.find((p) => p.error);
  if (failed?.error) {
    return {
      scheduleId: address,
      ok: false,
      error: {
        message: failed.error.message ?? 'getSchedule failed for this address',
        responseCode: failed.error.responseCode,
      },
    };
  }
  const seen = new Set<string>();
  const items: ScheduleItem[] = [];
  for (const piece of pieces) {
    for (const item of piece.scheduleItems ?? []) {
      const parsed: ScheduleItem = {
        status: item.status,
        start: fromGraphUtc(item.start.dateTime),
        end: fromGraphUtc(item.end.dateTime),
        isPrivate: item.isPrivate ?? false,
      };
      // An event crossing a window boundary is reported by both pieces.
      const key = `${parsed.status}|${parsed.start}|${parsed.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(parsed);
    }
  }
  const first = pieces[0];
  return {
    scheduleId: address,
    ok: true,
    availabilityView: pieces.map((p) => p.availabilityView ?? '').join(''),
    items,
    workingHours: normalizeWorkingHours(first?.workingHours),
  };
}

function instant(value: Date | string, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`getSchedule ${name} is not a date: ${String(value)}`);
  return ms;
}

/** `2025-03-03T09:00:00` — Graph's dateTime, read in the zone named beside it (UTC here). */
function wallClockUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Graph's `2025-03-03T09:00:00.0000000` in UTC → `2025-03-03T09:00:00.000Z`. */
function fromGraphUtc(dateTime: string): string {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(dateTime) ? dateTime : `${dateTime}Z`);
  return Number.isNaN(ms) ? dateTime : new Date(ms).toISOString();
}

function distinct(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
