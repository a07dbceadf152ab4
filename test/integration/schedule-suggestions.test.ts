// POST /api/schedule/suggestions on the emulated Contoso: a London organizer finds a time with
// people in New York and Amsterdam and a room in London; unknown attendees are flagged and never
// counted free; bad input gets exact codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { iso, localTime, nextMonday, SAM, syncedContoso } from './schedule-fixtures.js';

interface SlotAttendee {
  email: string;
  required: boolean;
  availability: 'free' | 'busy' | 'unknown';
  inWorkingHours: boolean | null;
}
interface Slot {
  start: string;
  end: string;
  score: number;
  attendees: SlotAttendee[];
  rooms: { email: string; capacity: number | null; building: string | null }[];
}
interface Summary {
  email: string;
  required: boolean;
  organizer: boolean;
  availability: 'known' | 'unknown';
  reason: string | null;
  detail: string | null;
  timeZone: string | null;
}
interface Suggestions {
  window: { start: string; end: string };
  organizerTimeZone: string;
  suggestions: Slot[];
  attendees: Summary[];
  unknown: Summary[];
  rooms: { requested: number; candidates: number; problem: unknown };
  timings: { graphMs: number; computeMs: number; cpuMs: number };
  code?: string;
}

const DAY = 86_400_000;
const H = 3_600_000;
let quorum: TestQuorum;
let monday: number;

const suggest = (body: Record<string, unknown>, as = SAM) =>
  quorum.api<Suggestions>(as, 'POST', '/api/schedule/suggestions', body);

const GROUP = {
  required: ['joni.sherman@contoso.com', 'johanna.lorenz@contoso.com', 'lynne.robbins@contoso.com'],
  optional: ['henrietta.mueller@contoso.com'],
  durationMinutes: 30,
  granularityMinutes: 30,
};

beforeAll(async () => {
  quorum = await startQuorum();
  await syncedContoso(quorum);
  monday = nextMonday();
});
afterAll(async () => {
  await quorum.close();
});

/** The hours New York, London and Amsterdam working days share on Monday (UTC instants). */
function shared(): { start: number; end: number } {
  const zones = ['America/New_York', 'Europe/London', 'Europe/Amsterdam'];
  return {
    start: Math.max(...zones.map((z) => localTime(z, monday, 9))),
    end: Math.min(...zones.map((z) => localTime(z, monday, 17))),
  };
}

describe('a group across three time zones with a room', () => {
  let result: Suggestions;
  let timing: string | null;

  beforeAll(async () => {
    const { status, body, headers } = await suggest({
      ...GROUP,
      start: iso(monday),
      end: iso(monday + 5 * DAY),
      rooms: { count: 1, building: 'London HQ' },
      maxResults: 40,
    });
    expect(status).toBe(200);
    result = body;
    timing = headers.get('server-timing');
  });

  it('reads the organizer from the caller, in their own zone', () => {
    expect(result.organizerTimeZone).toBe('Europe/London');
    expect(result.attendees.map((a) => [a.email, a.required, a.organizer, a.timeZone])).toEqual([
      ['sam.taylor@contoso.com', true, true, 'Europe/London'],
      ['joni.sherman@contoso.com', true, false, 'America/New_York'],
      ['johanna.lorenz@contoso.com', true, false, 'Europe/Berlin'],
      ['lynne.robbins@contoso.com', true, false, 'Europe/London'],
      ['henrietta.mueller@contoso.com', false, false, 'Europe/Berlin'],
    ]);
    expect(result.unknown).toEqual([]);
  });

  it('ranks first a slot where everyone is free, inside everyone’s working hours, with a room', () => {
    const best = result.suggestions[0]!;
    expect(best.score).toBe(1);
    // New York, London and Amsterdam 09:00–17:00 overlap 14–16Z in winter (13–15Z in summer).
    expect(best.start).toBe(iso(shared().start));
    expect(best.attendees.every((a) => a.availability === 'free' && a.inWorkingHours)).toBe(true);
    expect(best.rooms[0]).toMatchObject({
      email: 'room.thames@contoso.com',
      building: 'London HQ',
    });
  });

  it('keeps every top slot inside the shared hours, best-fitting room first and big enough', () => {
    const perfect = result.suggestions.filter((s) => s.score === 1);
    expect(perfect.length).toBeGreaterThan(4);
    for (const slot of perfect) {
      const day = Math.floor(Date.parse(slot.start) / DAY) * DAY - monday;
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(shared().start + day);
      expect(Date.parse(slot.end)).toBeLessThanOrEqual(shared().end + day);
      expect(slot.rooms.length).toBeGreaterThan(0);
      expect(slot.rooms.every((r) => r.building === 'London HQ' && (r.capacity ?? 0) >= 5)).toBe(
        true,
      );
      const capacities = slot.rooms.map((r) => r.capacity ?? 0);
      expect(capacities).toEqual([...capacities].sort((a, b) => a - b));
    }
  });

  it('never ranks a slot where the organizer is busy among the perfect ones', () => {
    // Sam's weekly sales pipeline review: Tuesday 09:00 New York.
    const tuesday = iso(localTime('America/New_York', monday + DAY, 9));
    const slot = result.suggestions.find((s) => s.start === tuesday);
    if (slot) {
      expect(slot.attendees[0]).toMatchObject({
        email: 'sam.taylor@contoso.com',
        availability: 'busy',
      });
      expect(slot.score).toBeLessThan(1);
    }
    expect(result.suggestions.filter((s) => s.score === 1).map((s) => s.start)).not.toContain(
      tuesday,
    );
  });

  it('orders by score, then earliest', () => {
    for (let i = 1; i < result.suggestions.length; i++) {
      const [a, b] = [result.suggestions[i - 1]!, result.suggestions[i]!];
      expect(a.score > b.score || (a.score === b.score && a.start < b.start)).toBe(true);
    }
  });

  it('says how long Graph took and how long Quorum itself took', () => {
    expect(timing).toMatch(/^graph;dur=[\d.]+, compute;dur=[\d.]+, cpu;dur=[\d.]+$/);
    expect(result.timings.computeMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.cpuMs).toBeGreaterThan(0);
    expect(result.rooms).toEqual({ requested: 1, candidates: 2, problem: null });
  });
});

describe('unknown attendees', () => {
  it('are flagged with reasons and never counted free', async () => {
    const { status, body } = await suggest({
      ...GROUP,
      required: [...GROUP.required, 'nestor.wilke@contoso.com', 'outsider@example.org'],
      optional: ['dana.birkby@fabrikam.com'],
      start: iso(monday),
      end: iso(monday + 2 * DAY),
    });
    expect(status).toBe(200);
    expect(body.unknown.map((u) => [u.email, u.required, u.reason])).toEqual([
      ['nestor.wilke@contoso.com', true, 'no_mailbox'],
      ['outsider@example.org', true, 'outside_org'],
      ['dana.birkby@fabrikam.com', false, 'outside_org'],
    ]);
    expect(body.unknown.every((u) => typeof u.detail === 'string' && u.detail.length > 10)).toBe(
      true,
    );
    const unknown = new Set(body.unknown.map((u) => u.email));
    for (const slot of body.suggestions) {
      expect(slot.score).toBeLessThan(1);
      for (const a of slot.attendees)
        if (unknown.has(a.email)) expect(a.availability).toBe('unknown');
    }
  });
});

describe('room choices', () => {
  it('keeps to a room list and to accessible rooms', async () => {
    const { body } = await suggest({
      required: ['lynne.robbins@contoso.com'],
      durationMinutes: 30,
      start: iso(monday + 9 * H),
      end: iso(monday + 12 * H),
      rooms: { count: 1, roomList: 'rooms.london@contoso.com', accessible: true, minCapacity: 2 },
      maxResults: 5,
    });
    const rooms = new Set(body.suggestions.flatMap((s) => s.rooms.map((r) => r.email)));
    expect([...rooms].sort()).toEqual([
      'room.greenwich@contoso.com',
      'room.kew@contoso.com',
      'room.thames@contoso.com',
    ]);
    expect(body.suggestions[0]!.rooms[0]!.email).toBe('room.greenwich@contoso.com');
  });

  it('never offers a reserved room (the Boardroom takes bookings only from named people)', async () => {
    const { body } = await suggest({
      required: ['adele.vance@contoso.com'],
      durationMinutes: 60,
      start: iso(monday + 17 * H),
      end: iso(monday + 22 * H),
      rooms: { count: 1, minCapacity: 18 },
    });
    expect(body.rooms.candidates).toBe(0);
    expect(body.suggestions.every((s) => s.rooms.length === 0)).toBe(true);
  });
});

describe('no room matching', () => {
  it('still suggests times and says why no room is offered', async () => {
    const { status, body } = await suggest({
      required: ['lynne.robbins@contoso.com'],
      durationMinutes: 30,
      start: iso(monday + 9 * H),
      end: iso(monday + 12 * H),
      rooms: { count: 1, building: 'Paris Office' },
    });
    expect(status).toBe(200);
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.rooms).toEqual({
      requested: 1,
      candidates: 0,
      problem: { reason: 'no_matching_rooms', detail: expect.stringMatching(/No bookable room/) },
    });
  });
});

describe('bad input', () => {
  it.each([
    [
      'a window shorter than the meeting',
      { durationMinutes: 90, end: () => iso(monday + H) },
      'ERR_SCHEDULE_WINDOW_TOO_SHORT',
    ],
    [
      'a window in the past',
      { start: () => '2020-01-06T09:00:00Z', end: () => '2020-01-06T17:00:00Z' },
      'ERR_SCHEDULE_WINDOW_PAST',
    ],
    [
      'a reversed window',
      { start: () => iso(monday + DAY), end: () => iso(monday) },
      'ERR_SCHEDULE_WINDOW_INVALID',
    ],
    [
      'a window of 100 days',
      { end: () => iso(monday + 100 * DAY) },
      'ERR_SCHEDULE_WINDOW_TOO_LONG',
    ],
    ['a granularity that does not divide a day', { granularityMinutes: 7 }, 'ERR_VALIDATION'],
    ['a zero duration', { durationMinutes: 0 }, 'ERR_VALIDATION'],
    [
      'an unknown room list',
      { rooms: { count: 1, roomList: 'rooms.paris@contoso.com' } },
      'ERR_ROOM_LIST_NOT_FOUND',
    ],
    [
      '100 attendees besides the organizer',
      { required: Array.from({ length: 100 }, (_, i) => `p${i}@contoso.com`) },
      'ERR_SCHEDULE_TOO_MANY_ATTENDEES',
    ],
    ['nobody at all', { required: [], includeOrganizer: false }, 'ERR_VALIDATION'],
    ['a malformed buffer', { bufferMinutes: { before: -5 } }, 'ERR_VALIDATION'],
  ])('answers %s with the right code', async (_, overrides, code) => {
    const body: Record<string, unknown> = {
      required: ['lynne.robbins@contoso.com'],
      durationMinutes: 30,
      start: iso(monday),
      end: iso(monday + DAY),
    };
    for (const [key, value] of Object.entries(overrides)) {
      body[key] = typeof value === 'function' ? (value as () => unknown)() : value;
    }
    const { status, body: problem } = await suggest(body);
    expect(problem.code).toBe(code);
    expect(status).toBe(code === 'ERR_ROOM_LIST_NOT_FOUND' ? 404 : 400);
  });
});

describe('the OpenAPI description', () => {
  it('describes the schedule and rooms routes from their schemas', async () => {
    const { status, body } = await quorum.api<{ paths: Record<string, Record<string, unknown>> }>(
      null,
      'GET',
      '/api/openapi.json',
    );
    expect(status).toBe(200);
    for (const [path, method] of [
      ['/api/schedule/availability', 'post'],
      ['/api/schedule/suggestions', 'post'],
      ['/api/rooms', 'get'],
      ['/api/rooms/lists', 'get'],
    ] as const) {
      expect(body.paths[path]?.[method], path).toBeDefined();
    }
    const json = JSON.stringify(body.paths['/api/schedule/suggestions']);
    expect(json).toContain('SuggestionRequest');
    expect(json).toContain('ERR_SCHEDULE_WINDOW_TOO_SHORT');
  });
});
