// RSVPs of an org event: each part's organizer copy (in the service mailbox) carries its
// recipients' answers; they are merged into one table and counted across parts.
import type { AttendeeResponse } from '../../microsoft/events.js';
import type { ResponseType } from '../../microsoft/graph-types.js';
import type { OrgEvent, RecipientAnswer, Rsvp } from './org-event.js';

export interface AnswerCounts {
  accepted: number;
  tentative: number;
  declined: number;
  none: number;
}

export function rsvpOf(response: ResponseType | undefined): Rsvp {
  switch (response) {
    case 'accepted':
    case 'tentativelyAccepted':
    case 'declined':
      return response;
    default:
      return 'none';
  }
}

/** The event with one part's answers read from its organizer copy. */
export function withPartAnswers(
  event: Readonly<OrgEvent>,
  partIndex: number,
  attendees: readonly AttendeeResponse[],
  at: string,
): OrgEvent {
  const part = event.parts[partIndex];
  if (!part) return { ...event };
  const recipients = new Set(part.recipients);
  const answers: Record<string, RecipientAnswer> = { ...event.answers };
  for (const attendee of attendees) {
    const address = attendee.address.toLowerCase();
    if (!recipients.has(address)) continue;
    const response = rsvpOf(attendee.response);
    answers[address] = {
      response,
      respondedAt: response === 'none' ? null : (attendee.respondedAt ?? null),
    };
  }
  return { ...event, answers, answersCheckedAt: at };
}

/** Counts over every recipient of the parts that were sent (or are still to be). */
export function countAnswers(event: Readonly<OrgEvent>): AnswerCounts {
  const counts: AnswerCounts = { accepted: 0, tentative: 0, declined: 0, none: 0 };
  for (const part of event.parts) {
    if (part.state === 'failed') continue;
    for (const address of part.recipients) {
      const response = event.answers[address]?.response ?? 'none';
      if (response === 'accepted') counts.accepted += 1;
      else if (response === 'tentativelyAccepted') counts.tentative += 1;
      else if (response === 'declined') counts.declined += 1;
      else counts.none += 1;
    }
  }
  return counts;
}
