// Finding a time (DESIGN J4): ranked suggestions with free rooms, and the rooms directory.
import type { ApiClient } from './client.js';

export interface Room {
  email: string;
  displayName: string;
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  floorLabel: string | null;
  accessible: boolean;
  bookingType: 'standard' | 'reserved' | 'unknown';
  tags: string[];
}

export interface SuggestionRequest {
  required: string[];
  optional: string[];
  includeOrganizer?: boolean;
  durationMinutes: number;
  /** ISO instants (with offset). */
  start: string;
  end: string;
  granularityMinutes?: number;
  organizerTimeZone?: string;
  rooms?: { count: number; minCapacity?: number; building?: string; accessible?: boolean };
  maxResults?: number;
}

export interface AttendeeSummary {
  email: string;
  displayName: string | null;
  required: boolean;
  organizer: boolean;
  availability: 'known' | 'unknown';
  reason: string | null;
  detail: string | null;
  timeZone: string | null;
}

export interface Suggestion {
  start: string;
  end: string;
  score: number;
  attendees: {
    email: string;
    required: boolean;
    availability: 'free' | 'busy' | 'unknown';
    inWorkingHours: boolean | null;
  }[];
  rooms: Room[];
}

export interface Suggestions {
  window: { start: string; end: string };
  organizerTimeZone: string;
  suggestions: Suggestion[];
  attendees: AttendeeSummary[];
  unknown: AttendeeSummary[];
  rooms: {
    requested: number;
    candidates: number;
    problem: { reason: string; detail: string } | null;
  };
}

/** `POST /api/schedule/suggestions` */
export const getSuggestions = (api: ApiClient, request: SuggestionRequest) =>
  api.post<Suggestions>('/api/schedule/suggestions', request);

/** `GET /api/rooms` — the buildings come from here for the room filter. */
export const listRooms = (api: ApiClient) =>
  api.get<{ rooms: Room[]; total: number }>('/api/rooms', { query: { limit: 500 } });
