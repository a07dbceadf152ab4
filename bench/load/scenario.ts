// What the load generator sends: the four request mixes of the load bench, built from members the
// driver found through Quorum's own API. Each mix is a list the generator's clients cycle through.
import type { LoadRequest } from './generator.js';

/** A connected member who calls Quorum with their own token. */
export interface Caller {
  email: string;
  token: string;
}

export interface LoadScenario {
  /** An owner's token: the status list and the status overview are admin routes. */
  ownerToken: string;
  /** Distinct members, one per client, for the member routes. */
  callers: Caller[];
  /** Connected members' addresses the callers ask about (their calendars are seeded). */
  pool: string[];
  /** Members per status filter, from the list's `total`. */
  totals: { connected: number; needsAttention: number };
  week: { start: string; end: string };
}

export const PAGE = 50;
export const ATTENDEES = 20;
const PAGES_PER_FILTER = 100;

/** Offsets spread over the whole filtered list, so the reads are not one cached page. */
function offsets(total: number): number[] {
  const last = Math.max(0, total - PAGE);
  const count = Math.min(PAGES_PER_FILTER, Math.floor(last / PAGE) + 1);
  return Array.from({ length: count }, (_, i) =>
    count === 1 ? 0 : Math.round((i * last) / (count - 1)),
  );
}

/** `GET /api/org/members`: pages of 50 filtered by status, across the list. */
export function memberPages(s: LoadScenario): LoadRequest[] {
  const filtered = (status: string, total: number) =>
    offsets(total).map((offset) => ({
      method: 'GET' as const,
      path: `/api/org/members?status=${status}&limit=${PAGE}&offset=${offset}`,
      token: s.ownerToken,
    }));
  return [
    ...filtered('connected', s.totals.connected),
    ...filtered('needs_attention', s.totals.needsAttention),
  ];
}

/** `GET /api/org/status`: the tiles' counts, sync progress and alerts. */
export function orgStatus(s: LoadScenario): LoadRequest[] {
  return [{ method: 'GET', path: '/api/org/status', token: s.ownerToken }];
}

/** Client k's team: 20 pool members starting at a different place for each caller. */
function team(s: LoadScenario, k: number): string[] {
  return Array.from({ length: ATTENDEES }, (_, j) => s.pool[(k * 5 + j) % s.pool.length]!);
}

/** `POST /api/schedule/availability`: each caller asks about a team of 20 over the working week. */
export function availability(s: LoadScenario): LoadRequest[] {
  return s.callers.map((caller, k) => ({
    method: 'POST',
    path: '/api/schedule/availability',
    token: caller.token,
    body: { attendees: team(s, k), ...s.week },
  }));
}

/** `POST /api/schedule/suggestions`: 30-minute slots for the caller and 19 others, no room. */
export function suggestions(s: LoadScenario): LoadRequest[] {
  return s.callers.map((caller, k) => ({
    method: 'POST',
    path: '/api/schedule/suggestions',
    token: caller.token,
    body: {
      required: team(s, k)
        .filter((email) => email !== caller.email)
        .slice(0, ATTENDEES - 1),
      durationMinutes: 30,
      granularityMinutes: 15,
      ...s.week,
    },
  }));
}
