// Org events (DESIGN J5): an admin sends an invitation from the service mailbox to a group, everyone
// or a list; it goes out in parts of ≤ 500 through the service mailbox's send queue (Exchange's
// limits); updates and cancellation reach every part; answers arrive by change notification (the
// service mailbox is watched while the event is upcoming) and the backstop; attendance is read live.
import type { ServiceLogger } from '../../connections/connection-service.js';
import { memberActor } from '../../domain/audit.js';
import { newId } from '../../domain/ids.js';
import type { MemberRepository } from '../../domain/member-repository.js';
import type { Membership } from '../../domain/membership.js';
import type { OrgRepository } from '../../domain/org-repository.js';
import { AppError } from '../../http/errors.js';
import { getAttendeeResponses } from '../../microsoft/events.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { ChangeConsumer, EventChange, MailboxRef } from '../../notifications/consumers.js';
import type { EnsureInput } from '../../notifications/subscription-manager.js';
import type { Store } from '../../store/index.js';
import { withPartAnswers } from './answers.js';
import { readAttendance } from './attendance.js';
import { resolveAudience, splitRecipients } from './audience.js';
import { eventWindow } from './event-time.js';
import { groupReadProblem } from './graph-problems.js';
import type { OrgEvent, OrgEventPart } from './org-event.js';
import { OrgEventSender, opsFor } from './org-event-sender.js';
import type { OrgEventRepository } from './org-event-repository.js';
import { eventView, summaryView, type DeliveryPlan } from './org-event-view.js';
import type {
  CreateOrgEventInput,
  OrgEventSummaryView,
  OrgEventView,
  UpdateOrgEventInput,
} from './schemas.js';
import { SendQueue } from './send-queue.js';
import { resolveServiceMailbox } from './service-mailbox.js';
import type { SendingLimits } from './sending-limits.js';

/** Ten days of Exchange's daily recipient limit. */
export const MAX_AUDIENCE = 100_000;
/** Answers of events that ended longer ago than this are no longer polled. */
const POLL_AFTER_END_MS = 86_400_000;

/** Where the service mailbox is watched: the notifications runtime (`ensure`/`release`). */
export interface MailboxWatch {
  ensureSubscription(input: EnsureInput): Promise<unknown>;
  releaseSubscription(input: MailboxRef & { holder: string }): Promise<unknown>;
}

export interface OrgEventServiceDeps {
  readonly store: Store;
  readonly graph: GraphClient;
  readonly orgs: OrgRepository;
  readonly members: MemberRepository;
  readonly repo: OrgEventRepository;
  readonly watch: MailboxWatch;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly logger: ServiceLogger;
  readonly limits?: SendingLimits;
}

const iso = (ms: number) => new Date(ms).toISOString();
const holderOf = (id: string) => `org-event:${id}`;

export class OrgEventService implements ChangeConsumer {
  readonly name = 'org-events';
  readonly queue: SendQueue;
  /** Subscription changes started by requests, awaited on close. */
  readonly #background = new Set<Promise<unknown>>();
  readonly #sender: OrgEventSender;

  constructor(private readonly d: OrgEventServiceDeps) {
    this.queue = new SendQueue({
      store: d.store,
      now: d.now,
      sleep: d.sleep,
      logger: d.logger,
      ...(d.limits ? { limits: d.limits } : {}),
      perform: (orgId, op) => this.#sender.perform(orgId, op),
      onFailed: (orgId, op, code, message) => this.#sender.partFailed(orgId, op, code, message),
    });
    this.#sender = new OrgEventSender({
      graph: d.graph,
      repo: d.repo,
      now: d.now,
      enqueue: (orgId, ops) => this.queue.enqueue(orgId, ops),
    });
  }

  /** `POST /api/org/events` */
  async create(membership: Membership, input: CreateOrgEventInput): Promise<OrgEventView> {
    const { org, member } = membership;
    const now = this.d.now();
    const when = eventWindow(input, now);
    const connections = await this.d.orgs.listConnections(org.id);
    const { mailbox } = await resolveServiceMailbox(this.d.graph, org, connections);
    let recipients: string[];
    try {
      recipients = await resolveAudience(
        this.d,
        org.id,
        mailbox.tenantId,
        input.audience,
        mailbox.address,
      );
    } catch (error) {
      throw input.audience.kind === 'group'
        ? groupReadProblem(error, input.audience.groupId)
        : error;
    }
    if (recipients.length === 0) throw new AppError('ERR_ORG_EVENT_AUDIENCE_EMPTY');
    if (recipients.length > MAX_AUDIENCE) {
      throw new AppError('ERR_ORG_EVENT_AUDIENCE_TOO_LARGE', {
        detail: `The audience has ${recipients.length} people; an org event invites at most ${MAX_AUDIENCE}.`,
      });
    }
    const chunks = splitRecipients(recipients);
    const at = iso(now);
    const event: OrgEvent = {
      id: newId(),
      orgId: org.id,
      createdBy: member.id,
      createdAt: at,
      updatedAt: at,
      subject: input.subject,
      body: input.body ?? null,
      start: iso(when.start),
      end: iso(when.end),
      timeZone: when.zone,
      teams: input.teams,
      audience: input.audience,
      serviceMailbox: mailbox,
      hideAttendees: chunks.length > 1,
      version: 1,
      state: 'scheduled',
      cancelledAt: null,
      cancelComment: null,
      parts: chunks.map((chunk, index): OrgEventPart => ({
        index,
        recipients: chunk,
        transactionId: newId(),
        graphEventId: null,
        iCalUId: null,
        joinUrl: null,
        state: 'queued',
        sentAt: null,
        version: 0,
        error: null,
      })),
      answers: {},
      answersCheckedAt: null,
    };
    const stored = await this.d.repo.create(event);
    await this.d.store.appendAudit(org.id, {
      actor: memberActor(member),
      action: 'org-event.created',
      target: `org-event:${event.id}`,
      detail: {
        audience: input.audience.kind,
        recipients: recipients.length,
        parts: chunks.length,
        serviceMailbox: mailbox.address,
      },
    });
    await this.queue.enqueue(org.id, opsFor(stored, 'create'));
    this.#watch(stored);
    return this.#view(stored);
  }

  /** `PATCH /api/org/events/:id` — every part gets the change (one message per part). */
  async update(
    membership: Membership,
    id: string,
    patch: UpdateOrgEventInput,
  ): Promise<OrgEventView> {
    const { org, member } = membership;
    const current = await this.#scheduled(org.id, id);
    const now = this.d.now();
    const when = eventWindow(
      {
        start: patch.start ?? current.start,
        end: patch.end ?? current.end,
        timeZone: patch.timeZone ?? current.timeZone,
      },
      now,
    );
    const updated = await this.d.repo.update(org.id, id, (e) => ({
      ...e,
      subject: patch.subject ?? e.subject,
      body: patch.body === undefined ? e.body : patch.body,
      start: iso(when.start),
      end: iso(when.end),
      timeZone: when.zone,
      version: e.version + 1,
      updatedAt: iso(now),
    }));
    await this.d.store.appendAudit(org.id, {
      actor: memberActor(member),
      action: 'org-event.updated',
      target: `org-event:${id}`,
      detail: { changed: Object.keys(patch) },
    });
    await this.queue.enqueue(org.id, opsFor(updated!, 'update'));
    this.#watch(updated!);
    return this.#view(updated!);
  }

  /** `POST /api/org/events/:id/cancel` — parts not sent yet never go; sent ones are cancelled. */
  async cancel(membership: Membership, id: string, comment?: string): Promise<OrgEventView> {
    const { org, member } = membership;
    await this.#scheduled(org.id, id);
    await this.queue.drop(org.id, (op) => op.eventId === id && op.kind !== 'cancel');
    const at = iso(this.d.now());
    const cancelled = (await this.d.repo.update(org.id, id, (e) => ({
      ...e,
      state: 'cancelled',
      cancelledAt: at,
      cancelComment: comment ?? null,
      updatedAt: at,
      parts: e.parts.map((p) => (p.state === 'queued' ? { ...p, state: 'cancelled' } : p)),
    })))!;
    await this.d.store.appendAudit(org.id, {
      actor: memberActor(member),
      action: 'org-event.cancelled',
      target: `org-event:${id}`,
      detail: { parts: cancelled.parts.length },
    });
    await this.queue.enqueue(org.id, opsFor(cancelled, 'cancel'));
    this.#unwatch(cancelled);
    return this.#view(cancelled);
  }

  /** `GET /api/org/events/:id` — answers as notifications and the backstop left them, and attendance. */
  async get(membership: Membership, id: string): Promise<OrgEventView> {
    const event = await this.d.repo.get(membership.org.id, id);
    if (!event) throw new AppError('ERR_ORG_EVENT_NOT_FOUND');
    const connection = await this.d.orgs.findConnectionByTenant(
      membership.org.id,
      event.serviceMailbox.tenantId,
    );
    return {
      ...(await this.#view(event)),
      attendance: await readAttendance(this.d.graph, event, connection),
    };
  }

  /** `GET /api/org/events` */
  async list(membership: Membership): Promise<OrgEventSummaryView[]> {
    const events = await this.d.repo.list(membership.org.id);
    const plans = await this.#plans(membership.org.id);
    return events.map((e) => summaryView(e, plans(e)));
  }

  // --- change notifications (ChangeConsumer) ---

  async eventChanged(change: EventChange): Promise<void> {
    if (change.changeType === 'deleted') return;
    const event = await this.d.repo.findByGraphEventId(change.orgId, change.eventId);
    if (!event || event.serviceMailbox.userId !== change.userId.toLowerCase()) return;
    const part = event.parts.find((p) => p.graphEventId === change.eventId);
    if (part) await this.#refreshPart(event, part);
  }

  async resync(mailbox: MailboxRef): Promise<void> {
    const horizon = this.d.now() - POLL_AFTER_END_MS;
    for (const event of await this.d.repo.list(mailbox.orgId)) {
      const sm = event.serviceMailbox;
      if (
        sm.tenantId !== mailbox.tenantId.toLowerCase() ||
        sm.userId !== mailbox.userId.toLowerCase()
      ) {
        continue;
      }
      if (event.state !== 'scheduled' || Date.parse(event.end) < horizon) continue;
      for (const part of event.parts) await this.#refreshPart(event, part);
    }
  }

  async #refreshPart(event: Readonly<OrgEvent>, part: Readonly<OrgEventPart>): Promise<void> {
    if (part.state !== 'sent' || !part.graphEventId) return;
    const { tenantId, userId } = event.serviceMailbox;
    try {
      const attendees = await getAttendeeResponses(
        this.d.graph,
        tenantId,
        userId,
        part.graphEventId,
      );
      const at = iso(this.d.now());
      await this.d.repo.update(event.orgId, event.id, (e) =>
        withPartAnswers(e, part.index, attendees, at),
      );
    } catch (error) {
      this.d.logger.warn(
        { err: error, orgId: event.orgId, eventId: event.id, part: part.index },
        'org event answers not refreshed',
      );
    }
  }

  async #scheduled(orgId: string, id: string): Promise<Readonly<OrgEvent>> {
    const event = await this.d.repo.get(orgId, id);
    if (!event) throw new AppError('ERR_ORG_EVENT_NOT_FOUND');
    if (event.state === 'cancelled') throw new AppError('ERR_ORG_EVENT_CANCELLED');
    return event;
  }

  /** Delivery plans of the org's events, from one plan per sending mailbox. */
  async #plans(orgId: string): Promise<(event: Readonly<OrgEvent>) => DeliveryPlan> {
    const ops = await this.queue.pending(orgId);
    const times = new Map<string, number>();
    for (const mailbox of new Set(ops.map((op) => op.mailbox))) {
      for (const [opId, at] of await this.queue.plan(orgId, mailbox)) times.set(opId, at);
    }
    return (event) => {
      const mine = ops.filter((op) => op.eventId === event.id);
      const last = Math.max(...mine.map((op) => times.get(op.id) ?? this.d.now()));
      return { queuedMessages: mine.length, expectedCompletionAt: mine.length > 0 ? last : null };
    };
  }

  async #view(event: Readonly<OrgEvent>): Promise<OrgEventView> {
    return eventView(event, (await this.#plans(event.orgId))(event));
  }

  /** Resolves once queued messages and subscription changes are done (tests). */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
    await this.queue.idle();
  }

  async close(): Promise<void> {
    await this.queue.close();
    await Promise.allSettled([...this.#background]);
  }

  #track(work: Promise<unknown>, failure: string, eventId: string): void {
    const tracked = work.catch((error: unknown) =>
      this.d.logger.warn({ err: error, eventId }, failure),
    );
    this.#background.add(tracked);
    void tracked.finally(() => this.#background.delete(tracked));
  }

  /** The service mailbox is watched until the event ends (its answers come by notification). */
  #watch(event: Readonly<OrgEvent>): void {
    const { tenantId, userId } = event.serviceMailbox;
    const holder = holderOf(event.id);
    this.#track(
      this.d.watch.ensureSubscription({
        orgId: event.orgId,
        tenantId,
        userId,
        holder,
        until: event.end,
      }),
      'service mailbox not watched',
      event.id,
    );
  }

  #unwatch(event: Readonly<OrgEvent>): void {
    const { tenantId, userId } = event.serviceMailbox;
    this.#track(
      this.d.watch.releaseSubscription({
        orgId: event.orgId,
        tenantId,
        userId,
        holder: holderOf(event.id),
      }),
      'service mailbox watch not released',
      event.id,
    );
  }
}
