// What the org-event routes show: a summary for lists, the whole event (parts, every answer) for one.
import { countAnswers } from './answers.js';
import type { OrgEvent } from './org-event.js';
import type { OrgEventSummaryView, OrgEventView } from './schemas.js';

/** The send queue's state for one event: its queued messages and when the last should go out. */
export interface DeliveryPlan {
  queuedMessages: number;
  expectedCompletionAt: number | null;
}

function deliveryState(event: Readonly<OrgEvent>, plan: DeliveryPlan) {
  const sent = event.parts.filter((p) => p.state === 'sent' || p.state === 'cancelled').length;
  const failed = event.parts.filter((p) => p.state === 'failed').length;
  if (plan.queuedMessages > 0) return sent > 0 ? 'sending' : 'queued';
  if (failed === event.parts.length) return 'failed';
  return failed > 0 ? 'partial' : 'done';
}

export function summaryView(event: Readonly<OrgEvent>, plan: DeliveryPlan): OrgEventSummaryView {
  return {
    id: event.id,
    subject: event.subject,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone,
    state: event.state,
    teams: event.teams,
    audience:
      event.audience.kind === 'group'
        ? { kind: 'group', groupId: event.audience.groupId }
        : { kind: event.audience.kind },
    recipients: event.parts.reduce((n, p) => n + p.recipients.length, 0),
    parts: event.parts.length,
    createdAt: event.createdAt,
    delivery: {
      state: deliveryState(event, plan),
      queuedMessages: plan.queuedMessages,
      expectedCompletionAt:
        plan.expectedCompletionAt === null
          ? null
          : new Date(plan.expectedCompletionAt).toISOString(),
    },
    rsvp: countAnswers(event),
  };
}

export function eventView(event: Readonly<OrgEvent>, plan: DeliveryPlan): OrgEventView {
  const summary = summaryView(event, plan);
  return {
    ...summary,
    body: event.body,
    serviceMailbox: event.serviceMailbox.address,
    hideAttendees: event.hideAttendees,
    updatedAt: event.updatedAt,
    cancelledAt: event.cancelledAt,
    delivery: {
      ...summary.delivery,
      parts: event.parts.map((p) => ({
        index: p.index,
        recipients: p.recipients.length,
        state: p.state,
        sentAt: p.sentAt,
        teamsMeeting: p.joinUrl !== null,
        error: p.error,
      })),
    },
    answers: event.parts
      .filter((p) => p.state !== 'failed')
      .flatMap((p) => p.recipients)
      .map((email) => ({
        email,
        response: event.answers[email]?.response ?? 'none',
        respondedAt: event.answers[email]?.respondedAt ?? null,
      })),
    answersCheckedAt: event.answersCheckedAt,
  };
}
