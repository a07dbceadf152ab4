// What the send queue does for an org event part, against Graph: the invitation (replay-safe through
// the part's transactionId), an update carrying the event's current details, or the cancellation —
// each one message from the service mailbox, or nothing when the part needs none.
import { ConnectionUnavailableError } from '../../connections/errors.js';
import { cancelEvent, createEvent, updateEvent } from '../../microsoft/events.js';
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import { IdentityError } from '../../microsoft/identity/index.js';
import { toGraphDateTime } from './event-time.js';
import type { OrgEvent, OrgEventPart } from './org-event.js';
import type { OrgEventRepository } from './org-event-repository.js';
import { retryDelayMs, type SendOp, type SendOutcome } from './send-queue.js';

export type NewSendOp = Omit<SendOp, 'id' | 'queuedAt' | 'attempts'>;

/** One message per part that needs it: invitations for unsent parts, the rest for live ones. */
export function opsFor(event: Readonly<OrgEvent>, kind: SendOp['kind']): NewSendOp[] {
  const eligible = event.parts.filter((p) =>
    kind === 'create'
      ? p.state === 'queued'
      : kind === 'update'
        ? p.state !== 'failed' && p.state !== 'cancelled'
        : p.state === 'sent',
  );
  return eligible.map((p) => ({
    eventId: event.id,
    partIndex: p.index,
    kind,
    recipients: p.recipients.length,
    mailbox: `${event.serviceMailbox.tenantId}/${event.serviceMailbox.userId}`,
  }));
}

/** A Graph (or token) failure of a queued message: transient ones wait, the rest are final. */
function outcomeOf(error: unknown, attempts: number): SendOutcome {
  if (error instanceof GraphError) {
    if (error.transient || error.status === 0) {
      return { kind: 'retry', ms: retryDelayMs(attempts, error) };
    }
    return { kind: 'failed', code: error.code, message: error.message };
  }
  if (error instanceof IdentityError && error.transient) {
    return { kind: 'retry', ms: retryDelayMs(attempts, error) };
  }
  if (error instanceof ConnectionUnavailableError || error instanceof IdentityError) {
    return { kind: 'failed', code: error.name, message: error.message };
  }
  throw error;
}

export interface OrgEventSenderDeps {
  readonly graph: GraphClient;
  readonly repo: OrgEventRepository;
  readonly now: () => number;
  /** Queues more messages (a cancellation of a part that went out while it was being cancelled). */
  readonly enqueue: (orgId: string, ops: NewSendOp[]) => Promise<void>;
}

export class OrgEventSender {
  constructor(private readonly d: OrgEventSenderDeps) {}

  async perform(orgId: string, op: SendOp): Promise<SendOutcome> {
    const event = await this.d.repo.get(orgId, op.eventId);
    const part = event?.parts[op.partIndex];
    if (!event || !part) return { kind: 'skipped' };
    try {
      if (op.kind === 'create') return await this.#invite(event, part);
      if (part.state !== 'sent' || !part.graphEventId) return { kind: 'skipped' };
      const { tenantId, userId } = event.serviceMailbox;
      if (op.kind === 'update') {
        if (part.version >= event.version || event.state === 'cancelled') {
          return { kind: 'skipped' };
        }
        await updateEvent(this.d.graph, tenantId, userId, part.graphEventId, {
          subject: event.subject,
          body: { contentType: 'text', content: event.body ?? '' },
          start: toGraphDateTime(Date.parse(event.start), event.timeZone),
          end: toGraphDateTime(Date.parse(event.end), event.timeZone),
          hideAttendees: event.hideAttendees,
        });
        await this.#setPart(orgId, event.id, part.index, { version: event.version });
        return { kind: 'sent' };
      }
      await cancelEvent(
        this.d.graph,
        tenantId,
        userId,
        part.graphEventId,
        event.cancelComment ?? undefined,
      );
      await this.#setPart(orgId, event.id, part.index, { state: 'cancelled' });
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOf(error, op.attempts + 1);
    }
  }

  /** A part's invitation was refused for good: the part shows why. */
  async partFailed(orgId: string, op: SendOp, code: string, message: string): Promise<void> {
    if (op.kind !== 'create') return;
    await this.#setPart(orgId, op.eventId, op.partIndex, {
      state: 'failed',
      error: { code, message },
    });
  }

  /** The invitation of one part; replay-safe through its transactionId. */
  async #invite(event: Readonly<OrgEvent>, part: Readonly<OrgEventPart>): Promise<SendOutcome> {
    if (part.state !== 'queued' || event.state === 'cancelled') return { kind: 'skipped' };
    const { tenantId, userId } = event.serviceMailbox;
    const created = await createEvent(this.d.graph, tenantId, userId, {
      transactionId: part.transactionId,
      quorumMeetingId: `org-event:${event.id}:${part.index}`,
      subject: event.subject,
      ...(event.body === null
        ? {}
        : { body: { contentType: 'text' as const, content: event.body } }),
      start: toGraphDateTime(Date.parse(event.start), event.timeZone),
      end: toGraphDateTime(Date.parse(event.end), event.timeZone),
      attendees: part.recipients.map((address) => ({ address, type: 'required' as const })),
      teamsMeeting: event.teams,
      hideAttendees: event.hideAttendees,
      allowNewTimeProposals: false,
    });
    const after = await this.#setPart(event.orgId, event.id, part.index, {
      state: 'sent',
      graphEventId: created.id,
      iCalUId: created.iCalUId ?? null,
      joinUrl: created.onlineMeeting?.joinUrl ?? null,
      sentAt: new Date(this.d.now()).toISOString(),
      version: event.version,
      error: null,
    });
    // Cancelled while the invitation was on its way: it is cancelled in turn.
    if (after?.state === 'cancelled') await this.d.enqueue(event.orgId, opsFor(after, 'cancel'));
    return { kind: 'sent' };
  }

  async #setPart(
    orgId: string,
    id: string,
    index: number,
    changes: Partial<OrgEventPart>,
  ): Promise<Readonly<OrgEvent> | undefined> {
    return this.d.repo.update(orgId, id, (e) => ({
      ...e,
      parts: e.parts.map((p) => (p.index === index ? { ...p, ...changes } : p)),
    }));
  }
}
