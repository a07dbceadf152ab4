// Org events (DESIGN J5): sent from the org's service mailbox to a group, everyone or a list, with
// live RSVP counts, delivery under Exchange's sending limits, and Teams attendance when permitted.
import type { ApiClient } from './client.js';

export type Audience =
  { kind: 'group'; groupId: string } | { kind: 'everyone' } | { kind: 'list'; emails: string[] };

export interface RsvpCounts {
  accepted: number;
  tentative: number;
  declined: number;
  none: number;
}

export interface OrgEventSummary {
  id: string;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  state: 'scheduled' | 'cancelled';
  teams: boolean;
  audience: { kind: Audience['kind']; groupId?: string };
  recipients: number;
  parts: number;
  createdAt: string;
  delivery: {
    state: 'queued' | 'sending' | 'done' | 'partial' | 'failed';
    queuedMessages: number;
    expectedCompletionAt: string | null;
  };
  rsvp: RsvpCounts;
}

export type Attendance =
  | {
      available: true;
      reports: number;
      attendees: { email: string; name: string | null; seconds: number; role: string | null }[];
    }
  | { available: false; reason: 'tier' | 'policy' | 'not_online' | 'unavailable'; detail: string };

export interface OrgEvent extends OrgEventSummary {
  body: string | null;
  serviceMailbox: string;
  hideAttendees: boolean;
  delivery: OrgEventSummary['delivery'] & {
    parts: {
      index: number;
      recipients: number;
      state: 'queued' | 'sent' | 'cancelled' | 'failed';
      sentAt: string | null;
      teamsMeeting: boolean;
      error: { code: string; message: string } | null;
    }[];
  };
  answers: {
    email: string;
    response: 'none' | 'accepted' | 'tentativelyAccepted' | 'declined';
    respondedAt: string | null;
  }[];
  answersCheckedAt: string | null;
  updatedAt: string;
  cancelledAt: string | null;
  attendance?: Attendance;
}

export interface NewOrgEvent {
  subject: string;
  body?: string;
  /** Wall-clock times in `timeZone` (`2031-05-06T17:00`). */
  start: string;
  end: string;
  timeZone: string;
  audience: Audience;
  teams: boolean;
}

const path = (id: string, rest = '') => `/api/org/events/${encodeURIComponent(id)}${rest}`;

/** `GET /api/org/events` — newest first. */
export const listOrgEvents = (api: ApiClient) =>
  api.get<{ events: OrgEventSummary[] }>('/api/org/events');

/** `POST /api/org/events` — accepted and queued (202). */
export const createOrgEvent = (api: ApiClient, event: NewOrgEvent) =>
  api.post<OrgEvent>('/api/org/events', event);

/** `GET /api/org/events/{id}` — every answer, delivery parts and attendance. */
export const getOrgEvent = (api: ApiClient, id: string) => api.get<OrgEvent>(path(id));

/** `POST /api/org/events/{id}/cancel` */
export const cancelOrgEvent = (api: ApiClient, id: string, comment?: string) =>
  api.post<OrgEvent>(path(id, '/cancel'), comment ? { comment } : {});
