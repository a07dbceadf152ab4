// An org event (DESIGN J5, Chezie): one invitation from the org's service mailbox to a group,
// everyone, or a list — sent as one Graph event per part of at most 500 recipients (attendee lists
// hidden when there are several), with every invitee's answer aggregated across the parts.

export type Audience =
  { kind: 'group'; groupId: string } | { kind: 'everyone' } | { kind: 'list'; emails: string[] };

export type Rsvp = 'none' | 'accepted' | 'tentativelyAccepted' | 'declined';

export interface RecipientAnswer {
  response: Rsvp;
  /** UTC ISO instant; null while unanswered. */
  respondedAt: string | null;
}

/** The mailbox that sends: `settings.serviceMailbox`, resolved in its tenant. */
export interface ServiceMailbox {
  address: string;
  tenantId: string;
  /** Entra object id. */
  userId: string;
}

export interface OrgEventPart {
  index: number;
  /** Lower-case addresses. */
  recipients: string[];
  /** Written before the first POST, so a retried or replayed create never makes a second event. */
  transactionId: string;
  graphEventId: string | null;
  iCalUId: string | null;
  joinUrl: string | null;
  /** `queued`: not sent yet; `failed`: Graph refused it for good. */
  state: 'queued' | 'sent' | 'cancelled' | 'failed';
  sentAt: string | null;
  /** The event version this part's Graph event carries (an update raises the event's). */
  version: number;
  error: { code: string; message: string } | null;
}

export interface OrgEvent {
  id: string;
  orgId: string;
  /** Member id of the admin who sent it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  subject: string;
  body: string | null;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** IANA: the zone the invitation shows. */
  timeZone: string;
  teams: boolean;
  audience: Audience;
  serviceMailbox: ServiceMailbox;
  /** Several parts: each invitee sees only the organizer, not the other parts' recipients. */
  hideAttendees: boolean;
  /** Raised by every change of subject, body or time; parts catch up through the send queue. */
  version: number;
  state: 'scheduled' | 'cancelled';
  cancelledAt: string | null;
  cancelComment: string | null;
  parts: OrgEventPart[];
  /** By lower-case address, across all parts. */
  answers: Record<string, RecipientAnswer>;
  answersCheckedAt: string | null;
}
