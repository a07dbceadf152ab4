// Meetings booked on the caller's own calendar, with everyone's answers (DESIGN J4).
import type { ApiClient } from './client.js';

export type AttendeeResponse = 'none' | 'accepted' | 'tentativelyAccepted' | 'declined';

export interface Meeting {
  id: string;
  state: 'pending' | 'scheduled' | 'cancelled' | 'failed';
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  organizer: { email: string };
  role: 'organizer' | 'attendee';
  attendees: {
    email: string;
    type: 'required' | 'optional';
    response: AttendeeResponse;
    respondedAt: string | null;
  }[];
  room: {
    email: string;
    /** The room's name, when the server knows it; the UI falls back to the email. */
    displayName?: string | null;
    response: 'accepted' | 'declined' | 'pending';
    respondedAt: string | null;
    alternatives?: {
      email: string;
      name: string;
      capacity: number | null;
      building: string | null;
      floor: string | null;
    }[];
  } | null;
  teams: { requested: boolean; created: boolean | null; reason: string | null };
  joinUrl: string | null;
  webLink: string | null;
  destination: {
    requested: string;
    used: 'default' | 'scheduler' | 'calendar';
    reason: string | null;
  };
  failure: { status: number; code: string; message: string; requestId: string | null } | null;
  cancelledAt: string | null;
}

export interface NewMeeting {
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  attendees: { email: string; type: 'required' | 'optional' }[];
  room?: string;
  teams: boolean;
  body?: string;
}

/**
 * `POST /api/meetings` with an Idempotency-Key: a retry after a lost answer returns the meeting
 * booked the first time instead of booking it twice.
 */
export const bookMeeting = (api: ApiClient, meeting: NewMeeting, idempotencyKey: string) =>
  api.request<Meeting>('POST', '/api/meetings', { body: meeting, idempotencyKey });

/** `GET /api/meetings` — the next 30 days by default. */
export const listMeetings = (api: ApiClient) => api.get<{ meetings: Meeting[] }>('/api/meetings');

/** `GET /api/meetings/{id}` — answers read from Outlook now. */
export const getMeeting = (api: ApiClient, id: string) =>
  api.get<Meeting>(`/api/meetings/${encodeURIComponent(id)}`);

/** `PATCH /api/meetings/{id}` — here: swap the room (after a decline) or drop it. */
export const changeMeetingRoom = (api: ApiClient, id: string, room: string | null) =>
  api.patch<Meeting>(`/api/meetings/${encodeURIComponent(id)}`, { room });

/** `POST /api/meetings/{id}/cancel` */
export const cancelMeeting = (api: ApiClient, id: string, comment?: string) =>
  api.post<Meeting>(`/api/meetings/${encodeURIComponent(id)}/cancel`, comment ? { comment } : {});
