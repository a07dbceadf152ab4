// Meetings booked on the caller's own calendar (DESIGN J4): book through the outbox, read answers
// back from the organizer's copy, change, cancel, list, and resolve what a crash left pending.
// Work on one meeting is serialized in this process, and so are retries of one idempotency key.
// A change consumer of the notifications runtime: an upcoming meeting keeps its organizer's mailbox
// watched, and a notification or resync re-reads the answers without anyone opening the meeting.
import type { Logger } from 'pino';
import { KeyedQueue } from '../../domain/keyed-queue.js';
import type { Membership } from '../../domain/membership.js';
import type { OrgRepository } from '../../domain/org-repository.js';
import { AppError } from '../../http/errors.js';
import { listCalendars } from '../../microsoft/calendars.js';
import { cancelEvent, getEvent, updateEvent } from '../../microsoft/events.js';
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import type { ChangeConsumer, EventChange, MailboxRef } from '../../notifications/consumers.js';
import type { Store } from '../../store/index.js';
import type { SlotCheckDeps } from '../availability/slot-check.js';
import { normalizeBooking, requestDigest, type BookingInput } from './booking-input.js';
import { offersTeams, resolveDestination, storedDestination } from './destination.js';
import { findFreeRooms, roomName } from './free-rooms.js';
import { isTransientFailure, meetingProblem, refusalProblem } from './graph-failures.js';
import type { Meeting, RoomOption } from './meeting.js';
import { bookingMailbox, memberAddresses, requireOrganizer, roleIn } from './meeting-access.js';
import { planChange, type MeetingPatchInput } from './meeting-changes.js';
import { MeetingRepository } from './meeting-repository.js';
import { meetingView, type MeetingView } from './meeting-view.js';
import { refreshMany } from './meeting-list.js';
import { newMeeting } from './new-meeting.js';
import { Outbox, type MeetingHooks } from './outbox.js';
import { refreshedFrom } from './responses.js';
import { SchedulerCalendars } from './scheduler-calendar.js';
import { MeetingWatch, needsWatching, type SubscriptionHolders } from './meeting-watch.js';

export interface MeetingServiceDeps {
  readonly store: Store;
  readonly graph: GraphClient;
  readonly orgs: OrgRepository;
  /** The scheduling runtime: cached rooms and slot checks (free rooms when one declines). */
  readonly scheduling: SlotCheckDeps;
  readonly now: () => number;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  readonly hooks?: MeetingHooks;
  /** Where organizers' mailboxes are watched (the notifications runtime); none: answers on read only. */
  readonly subscriptions?: SubscriptionHolders;
}

export interface BookingResult {
  meeting: MeetingView;
  /** The idempotency key had been seen: this is the first request's meeting. */
  replayed: boolean;
}

export interface ListOptions {
  /** UTC instants; meetings overlapping [from, to). */
  from: number;
  to: number;
  limit: number;
}

export interface RecoveryReport {
  /** Pending meetings looked at. */
  checked: number;
  /** Their event was in the mailbox already (the POST had gone through). */
  found: number;
  /** Not there: POSTed again with the same transactionId. */
  posted: number;
  /** Graph refused the POST for good. */
  failed: number;
  /** Still unresolved (Graph throttling or unavailable): tried again on the next start or retry. */
  stillPending: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A resync re-reads meetings that ended up to this long ago (late answers still count). */
const RESYNC_AFTER_END_MS = 86_400_000;

export class MeetingService implements ChangeConsumer {
  readonly name = 'meetings';
  readonly repo: MeetingRepository;
  readonly schedulers: SchedulerCalendars;
  readonly outbox: Outbox;
  readonly watch: MeetingWatch;
  readonly #deps: MeetingServiceDeps;
  readonly #byMeeting = new KeyedQueue();
  readonly #byKey = new KeyedQueue();

  constructor(deps: MeetingServiceDeps) {
    this.#deps = deps;
    this.repo = new MeetingRepository(deps.store);
    this.schedulers = new SchedulerCalendars(deps.graph);
    this.watch = new MeetingWatch(deps.subscriptions, deps.now, deps.logger);
    this.outbox = new Outbox({
      store: deps.store,
      graph: deps.graph,
      repo: this.repo,
      schedulers: this.schedulers,
      now: deps.now,
      hooks: deps.hooks ?? {},
    });
  }

  /**
   * `POST /api/meetings`: books on the caller's own calendar. With an idempotency key, a retry of
   * the same request gets the first request's meeting (and completes it if it is still pending).
   */
  book(
    membership: Membership,
    input: BookingInput,
    idempotencyKey?: string,
  ): Promise<BookingResult> {
    if (idempotencyKey === undefined) return this.#book(membership, input, undefined);
    const { org, member } = membership;
    return this.#byKey.run(`${org.id}/${member.id}/${idempotencyKey}`, () =>
      this.#book(membership, input, idempotencyKey),
    );
  }

  async #book(
    membership: Membership,
    input: BookingInput,
    idempotencyKey: string | undefined,
  ): Promise<BookingResult> {
    const { org, member } = membership;
    const digest = idempotencyKey === undefined ? null : requestDigest(input);
    if (idempotencyKey !== undefined) {
      const earlier = await this.repo.findByIdempotencyKey(org.id, member.id, idempotencyKey);
      if (earlier) {
        if (earlier.requestHash !== digest) throw new AppError('ERR_IDEMPOTENCY_KEY_REUSED');
        return { meeting: await this.#replay(earlier, membership), replayed: true };
      }
    }
    const { graph, now } = this.#deps;
    const booking = normalizeBooking(input, now(), memberAddresses(member));
    const own = await bookingMailbox(this.#deps.orgs, membership);
    const { tenantId, objectId } = own.mailbox;
    let meeting: Meeting;
    try {
      const calendars = await listCalendars(graph, tenantId, objectId);
      const choice =
        booking.destination === undefined
          ? storedDestination(member.calendar.destinationCalendarId)
          : { requested: booking.destination, explicit: true };
      const target = await resolveDestination(calendars, choice, () =>
        this.schedulers.ensure(own.mailbox, calendars),
      );
      meeting = newMeeting({
        org,
        organizer: member,
        mailbox: own.mailbox,
        booking,
        target,
        teamsOffered: offersTeams(target.calendar),
        roomName:
          booking.room === null
            ? null
            : await roomName(this.#deps.scheduling, tenantId, booking.room),
        idempotencyKey: idempotencyKey ?? null,
        requestHash: digest,
        at: iso(now()),
      });
    } catch (error) {
      throw meetingProblem(error);
    }
    const pending = await this.outbox.write(meeting);
    const sent = await this.#byMeeting.run(pending.id, () => this.outbox.send(pending));
    this.watch.follow(sent);
    return { meeting: await this.#present(sent, membership), replayed: false };
  }

  async #replay(earlier: Readonly<Meeting>, membership: Membership): Promise<MeetingView> {
    if (earlier.state === 'failed' && earlier.failure) throw refusalProblem(earlier.failure);
    if (earlier.state !== 'pending') return this.#present(earlier, membership);
    const resumed = await this.#byMeeting.run(earlier.id, async () => {
      const current = (await this.repo.get(earlier.orgId, earlier.id)) ?? earlier;
      if (current.state !== 'pending') return current;
      try {
        return (await this.outbox.resume(current)).meeting;
      } catch (error) {
        throw meetingProblem(error);
      }
    });
    this.watch.follow(resumed);
    return this.#present(resumed, membership);
  }

  /** `GET /api/meetings/:id`: completes a pending booking if it can, then reads answers from Graph. */
  async get(membership: Membership, id: string): Promise<MeetingView> {
    roleIn(await this.repo.get(membership.org.id, id), membership);
    const meeting = await this.#byMeeting.run(id, async () => {
      const current = await this.repo.get(membership.org.id, id);
      if (!current || current.state !== 'pending') return current;
      try {
        const resumed = (await this.outbox.resume(current)).meeting;
        this.watch.follow(resumed);
        return resumed;
      } catch (error) {
        // Still unconfirmed (or just failed): the record says which.
        this.#deps.logger?.warn({ err: error, meetingId: id }, 'pending meeting not resolved yet');
        return this.repo.get(membership.org.id, id);
      }
    });
    if (!meeting) throw new AppError('ERR_NOT_FOUND', { detail: 'No such meeting.' });
    return this.#present(meeting, membership);
  }

  /** `GET /api/meetings`: the caller's meetings overlapping the window, answers refreshed. */
  async list(membership: Membership, options: ListOptions): Promise<MeetingView[]> {
    const { org, member } = membership;
    const page = (await this.repo.listByOrganizer(org.id, member.id))
      .filter((m) => Date.parse(m.start) < options.to && Date.parse(m.end) > options.from)
      .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
      .slice(0, options.limit);
    const refreshed = await this.#refreshMany(page);
    const views: MeetingView[] = [];
    for (const m of refreshed) views.push(meetingView(await this.#withRoomName(m), 'organizer'));
    return views;
  }

  /** Re-reads a page of meetings in one `$batch`; one found cancelled lets its mailbox go. */
  async #refreshMany(page: readonly Readonly<Meeting>[]): Promise<Readonly<Meeting>[]> {
    const refreshed = await refreshMany(
      { graph: this.#deps.graph, repo: this.repo, now: this.#deps.now },
      page,
    );
    refreshed.forEach((m, i) => {
      if (page[i]!.state !== m.state) this.watch.follow(m);
    });
    return refreshed;
  }

  /** `PATCH /api/meetings/:id` (organizer only). */
  async update(membership: Membership, id: string, patch: MeetingPatchInput): Promise<MeetingView> {
    const { org, member } = membership;
    requireOrganizer(await this.repo.get(org.id, id), membership);
    const meeting = await this.#byMeeting.run(id, async () => {
      const current = await this.#scheduled(org.id, id);
      const names = new Map<string, string>();
      if (typeof patch.room === 'string') {
        const name = await roomName(this.#deps.scheduling, current.mailbox.tenantId, patch.room);
        if (name !== null) names.set(patch.room.toLowerCase(), name);
      }
      const plan = planChange(current, patch, this.#deps.now(), memberAddresses(member), names);
      if (Object.keys(plan.update).length === 0) return current;
      const { tenantId, objectId } = current.mailbox;
      try {
        const event = await updateEvent(
          this.#deps.graph,
          tenantId,
          objectId,
          current.graphEventId!,
          plan.update,
        );
        const at = iso(this.#deps.now());
        return this.#save(refreshedFrom({ ...plan.next, updatedAt: at }, event, at));
      } catch (error) {
        if (isGone(error)) {
          await this.#markCancelled(current);
          throw new AppError('ERR_MEETING_NOT_SCHEDULED', {
            detail:
              'The event was deleted from your calendar in Outlook, so the meeting is cancelled.',
          });
        }
        throw meetingProblem(error);
      }
    });
    return this.#present(meeting, membership, { refresh: false });
  }

  /** `POST /api/meetings/:id/cancel` (organizer only): attendees get the cancellation with `comment`. */
  async cancel(membership: Membership, id: string, comment?: string): Promise<MeetingView> {
    const { org } = membership;
    requireOrganizer(await this.repo.get(org.id, id), membership);
    const meeting = await this.#byMeeting.run(id, async () => {
      const current = await this.repo.get(org.id, id);
      if (current?.state === 'cancelled') return current;
      const scheduled = await this.#scheduled(org.id, id);
      const { tenantId, objectId } = scheduled.mailbox;
      try {
        await cancelEvent(this.#deps.graph, tenantId, objectId, scheduled.graphEventId!, comment);
      } catch (error) {
        // Already deleted in Outlook: there is nothing left to cancel.
        if (!isGone(error)) throw meetingProblem(error);
      }
      return this.#markCancelled(scheduled);
    });
    return meetingView(await this.#withRoomName(meeting), 'organizer');
  }

  /** Resolves every pending meeting of every org (start-up): found, posted again, or failed. */
  async recoverPending(): Promise<RecoveryReport> {
    const report: RecoveryReport = { checked: 0, found: 0, posted: 0, failed: 0, stillPending: 0 };
    for (const orgId of await this.#deps.store.listOrgIds()) {
      for (const pending of await this.repo.listPending(orgId)) {
        report.checked += 1;
        try {
          const outcome = await this.#byMeeting.run(pending.id, async () => {
            const current = await this.repo.get(orgId, pending.id);
            return current?.state === 'pending'
              ? (await this.outbox.resume(current)).outcome
              : undefined;
          });
          if (outcome === 'found') report.found += 1;
          if (outcome === 'posted') report.posted += 1;
          const resolved = await this.repo.get(orgId, pending.id);
          if (outcome && resolved) this.watch.follow(resolved);
        } catch (error) {
          const current = await this.repo.get(orgId, pending.id);
          if (current?.state === 'failed') report.failed += 1;
          else report.stillPending += 1;
          this.#deps.logger?.warn(
            { err: error, orgId, meetingId: pending.id },
            'pending meeting not recovered',
          );
        }
      }
    }
    return report;
  }

  async #scheduled(orgId: string, id: string): Promise<Readonly<Meeting>> {
    const current = await this.repo.get(orgId, id);
    if (!current) throw new AppError('ERR_NOT_FOUND', { detail: 'No such meeting.' });
    if (current.state !== 'scheduled' || current.graphEventId === null) {
      throw new AppError('ERR_MEETING_NOT_SCHEDULED', {
        detail: `The meeting is ${current.state}, so it cannot be changed or cancelled.`,
      });
    }
    return current;
  }

  /** Writes the meeting; a new end or state moves (or releases) the watch on its mailbox. */
  async #save(next: Meeting): Promise<Readonly<Meeting>> {
    let before: { state: string; end: string } | undefined;
    const saved = await this.repo.update(next.orgId, next.id, (current) => {
      before = { state: current.state, end: current.end };
      return next;
    });
    if (!saved) throw new AppError('ERR_NOT_FOUND', { detail: 'No such meeting.' });
    if (before?.state !== saved.state || before.end !== saved.end) this.watch.follow(saved);
    return saved;
  }

  /**
   * Every upcoming scheduled meeting holds its organizer's mailbox watch (start-up: meetings booked
   * before the process started, or before watching existed). Returns how many.
   */
  async watchUpcoming(): Promise<number> {
    let count = 0;
    for (const orgId of await this.#deps.store.listOrgIds()) {
      for (const meeting of await this.repo.listAll(orgId)) {
        if (!needsWatching(meeting, this.#deps.now())) continue;
        this.watch.watch(meeting);
        count += 1;
      }
    }
    return count;
  }

  // --- change notifications (ChangeConsumer) ---

  /** An event of a watched mailbox changed: if it is a meeting's, its answers are read again. */
  async eventChanged(change: EventChange): Promise<void> {
    const found = await this.repo.findByGraphEventId(change.orgId, change.eventId);
    if (!found || !inMailbox(found, change)) return;
    await this.#byMeeting.run(found.id, async () => {
      const current = await this.repo.get(found.orgId, found.id);
      if (current?.state !== 'scheduled' || current.graphEventId !== change.eventId) return;
      await this.#refresh(current);
    });
  }

  /** Notifications may have been lost: every recent meeting of the mailbox is read again. */
  async resync(mailbox: MailboxRef): Promise<void> {
    const since = this.#deps.now() - RESYNC_AFTER_END_MS;
    const meetings = (
      await this.repo.listByMailbox(mailbox.orgId, {
        tenantId: mailbox.tenantId,
        objectId: mailbox.userId,
      })
    ).filter(
      (m) => m.state === 'scheduled' && m.graphEventId !== null && Date.parse(m.end) > since,
    );
    if (meetings.length > 0) await this.#refreshMany(meetings);
  }

  async #markCancelled(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    const at = iso(this.#deps.now());
    return this.#save({ ...meeting, state: 'cancelled', cancelledAt: at, updatedAt: at });
  }

  /**
   * The view of a meeting for the caller, first refreshed from the organizer's copy when it is
   * scheduled (a throttled read shows the last answers); its organizer is offered free rooms when
   * the room declined.
   */
  async #present(
    meeting: Readonly<Meeting>,
    membership: Membership,
    options: { refresh?: boolean } = {},
  ): Promise<MeetingView> {
    const role = roleIn(meeting, membership);
    let current = meeting;
    if (
      options.refresh !== false &&
      current.state === 'scheduled' &&
      current.graphEventId !== null
    ) {
      current = await this.#byMeeting.run(meeting.id, () => this.#refresh(meeting));
    }
    const alternatives =
      role === 'organizer' &&
      current.state === 'scheduled' &&
      current.room?.response === 'declined' &&
      Date.parse(current.end) > this.#deps.now()
        ? await this.#alternatives(current, membership)
        : undefined;
    return meetingView(await this.#withRoomName(current), role, alternatives);
  }

  /**
   * A room booked while the tenant's places could not be read gets its display name once the
   * (cached) places directory lists it; the name is kept on the meeting.
   */
  async #withRoomName(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    const room = meeting.room;
    if (room === null || room.name !== null) return meeting;
    const name = await roomName(this.#deps.scheduling, meeting.mailbox.tenantId, room.email);
    if (name === null) return meeting;
    const saved = await this.repo.update(meeting.orgId, meeting.id, (current) =>
      current.room?.email === room.email
        ? { ...current, room: { ...current.room, name } }
        : current,
    );
    return saved ?? { ...meeting, room: { ...room, name } };
  }

  async #refresh(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    const { tenantId, objectId } = meeting.mailbox;
    try {
      const event = await getEvent(this.#deps.graph, tenantId, objectId, meeting.graphEventId!);
      const current = (await this.repo.get(meeting.orgId, meeting.id)) ?? meeting;
      return await this.#save(refreshedFrom(current, event, iso(this.#deps.now())));
    } catch (error) {
      if (isGone(error)) return this.#markCancelled(meeting);
      if (isTransientFailure(error)) return meeting;
      throw meetingProblem(error);
    }
  }

  async #alternatives(meeting: Readonly<Meeting>, organizer: Membership): Promise<RoomOption[]> {
    try {
      return await findFreeRooms(this.#deps.scheduling, {
        org: organizer.org,
        organizer: organizer.member,
        tenantId: meeting.mailbox.tenantId,
        declinedRoom: meeting.room!.email,
        start: meeting.start,
        end: meeting.end,
        seats: meeting.attendees.length + 1,
      });
    } catch (error) {
      this.#deps.logger?.warn(
        { err: error, meetingId: meeting.id },
        'could not look for free rooms',
      );
      return [];
    }
  }
}

function inMailbox(meeting: Readonly<Meeting>, mailbox: MailboxRef): boolean {
  return (
    meeting.mailbox.tenantId.toLowerCase() === mailbox.tenantId.toLowerCase() &&
    meeting.mailbox.objectId.toLowerCase() === mailbox.userId.toLowerCase()
  );
}

/** The event is no longer in the organizer's mailbox. */
function isGone(error: unknown): boolean {
  return error instanceof GraphError && error.status === 404 && error.code === 'ErrorItemNotFound';
}
