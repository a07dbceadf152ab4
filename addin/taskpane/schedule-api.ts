// The two calls the task pane makes to Quorum, typed after server/scheduling/schemas.ts:
// `POST /api/schedule/suggestions` and `GET /api/rooms` (for the building filter and to tell rooms
// from people among the attendees).
import type { ApiClient } from '../api/client.js';

export interface SuggestionRequest {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly includeOrganizer: boolean;
  readonly durationMinutes: number;
  readonly start: string;
  readonly end: string;
  readonly granularityMinutes: number;
  readonly organizerTimeZone?: string;
  readonly rooms?: {
    readonly count: number;
    readonly minCapacity?: number;
    readonly building?: string;
  };
  readonly maxResults: number;
}

export interface Room {
  readonly email: string;
  readonly displayName: string;
  readonly capacity: number | null;
  readonly building: string | null;
  readonly floorNumber: number | null;
  readonly floorLabel: string | null;
  readonly accessible: boolean;
  readonly bookingType: 'standard' | 'reserved' | 'unknown';
}

export type Availability = 'free' | 'busy' | 'unknown';

export interface SlotAttendee {
  readonly email: string;
  readonly required: boolean;
  readonly availability: Availability;
  readonly inWorkingHours: boolean | null;
}

export interface Suggestion {
  readonly start: string;
  readonly end: string;
  readonly score: number;
  readonly attendees: readonly SlotAttendee[];
  /** Free for the whole slot, best fit first. */
  readonly rooms: readonly Room[];
}

export interface AttendeeSummary {
  readonly email: string;
  readonly displayName: string | null;
  readonly required: boolean;
  readonly organizer: boolean;
  readonly availability: 'known' | 'unknown';
  /** A stable reason code (`not_a_member`, `outside_org`, `no_mailbox`, …) when unknown. */
  readonly reason: string | null;
  /** The sentence explaining `reason`, written for the organizer. */
  readonly detail: string | null;
  readonly timeZone: string | null;
}

export interface SuggestionResponse {
  readonly window: { readonly start: string; readonly end: string };
  readonly organizerTimeZone: string;
  readonly suggestions: readonly Suggestion[];
  readonly attendees: readonly AttendeeSummary[];
  readonly unknown: readonly AttendeeSummary[];
  readonly rooms: {
    readonly requested: number;
    readonly candidates: number;
    readonly problem: { readonly reason: string; readonly detail: string } | null;
  };
}

export interface RoomsResponse {
  readonly rooms: readonly Room[];
  readonly total: number;
}

/** `POST /api/schedule/suggestions`: ranked slots, who is unknown and why. */
export function fetchSuggestions(
  api: ApiClient,
  body: SuggestionRequest,
  signal?: AbortSignal,
): Promise<SuggestionResponse> {
  return api.post<SuggestionResponse>('/api/schedule/suggestions', body, signal ? { signal } : {});
}

/** `GET /api/rooms`: the tenant's rooms (first 500), for filters and to recognise room addresses. */
export function fetchRooms(api: ApiClient, signal?: AbortSignal): Promise<RoomsResponse> {
  return api.get<RoomsResponse>('/api/rooms', {
    query: { limit: 500 },
    ...(signal ? { signal } : {}),
  });
}
