// Meetings booked on the caller's own calendar (DESIGN J4): book through the outbox, read answers
// back from the organizer's copy, change, cancel, list, and resolve what a crash left pending.
// Work on one meeting is serialized in this process, and so are retries of one idempotency key.
// A change consumer of the notifications runtime: an upcoming meeting keeps its organizer's mailbox
// watched, and a notification or resync re-reads the answers without anyone opening the meeting
// (`meeting-sync.ts`); views are built in `meeting-presenter.ts`, start-up work in `meeting-startup.ts`.
import type { Logger } from 'pino';
import { KeyedQueue } from '../../domain/keyed-queue.js';
import type { Membership } from '../../domain/membership.js';
import type { OrgRepository } from '../../domain/org-repository.js';
import { AppError } from '../../http/errors.js';
import { listCalendars } from '../../microsoft/calendars.js';
import { cancelEvent, updateEvent } from '../../microsoft/events.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { ChangeConsumer, EventChange, MailboxRef } from '../../notifications/consumers.js';
import type { Store } from '../../store/index.js';
import type { SlotCheckDeps } from '../availability/slot-check.js';
import { normalizeBooking, requestDigest, type BookingInput } from './booking-input.js';
import { offersTeams, resolveDestination, storedDestination } from './destination.js';
import { roomName } from './free-rooms.js';
import { isGone, meetingProblem, refusalProblem } from './graph-failures.js';
import type { Meeting } from './meeting.js';
import { bookingMailbox, memberAddresses, requireOrganizer, roleIn } from './meeting-access.js';
import { planChange, type MeetingPatchInput } from './meeting-changes.js';
import { MeetingPresenter } from './meeting-presenter.js';
import { MeetingRepository } from './meeting-repository.js';
import {
  recoverPending,
  watchUpcoming,
  type MeetingStartupDeps,
  type RecoveryReport,
} from './meeting-startup.js';
import { MeetingSync } from './meeting-sync.js';
import { meetingView, type MeetingView } from './meeting-view.js';
import { newMeeting } from './new-meeting.js';
import { Outbox, type MeetingHooks } from './outbox.js';
import { refreshedFrom } from './responses.js';
import { SchedulerCalendars } from './scheduler-calendar.js';
import { MeetingWatch, type SubscriptionHolders } from './meeting-watch.js';

export type { RecoveryReport } from './meeting-startup.js';

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

const iso = (ms: number) => new Date(ms).toISOString();

export class MeetingService implements ChangeConsumer {
  readonly name = 'meetings';
  readonly repo: MeetingRepository;
  readonly schedulers: SchedulerCalendars;
  readonly outbox: Outbox;
  readonly watch: MeetingWatch;
  readonly #deps: MeetingServiceDeps;
  readonly #byMeeting = new KeyedQueue();
  readonly #byKey = new KeyedQueue();
  readonly #sync: MeetingSync;
  readonly #presenter: MeetingPresenter;

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
    const { graph, now, logger, scheduling } = deps;
    const byMeeting = this.#byMeeting;
    this.#sync = new MeetingSync({ graph, repo: this.repo, watch: this.watch, now, byMeeting });
    this.#presenter = new MeetingPresenter({
      repo: this.repo,
      sync: this.#sync,
      scheduling,
      now,
      logger,
      byMeeting,
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
    return { meeting: await this.#presenter.present(sent, membership), replayed: false };
  }

  async #replay(earlier: Readonly<Meeting>, membership: Membership): Promise<MeetingView> {
    if (earlier.state === 'failed' && earlier.failure) throw refusalProblem(earlier.failure);
    if (earlier.state !== 'pending') return this.#presenter.present(earlier, membership);
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
    return this.#presenter.present(resumed, membership);
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
    return this.#presenter.present(meeting, membership);
  }

  /** `GET /api/meetings`: the caller's meetings overlapping the window, answers refreshed. */
  async list(membership: Membership, options: ListOptions): Promise<MeetingView[]> {
    const { org, member } = membership;
    const page = (await this.repo.listByOrganizer(org.id, member.id))
      .filter((m) => Date.parse(m.start) < options.to && Date.parse(m.end) > options.from)
      .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
      .slice(0, options.limit);
    const refreshed = await this.#sync.refreshMany(page);
    const views: MeetingView[] = [];
    for (const m of refreshed) {
      views.push(meetingView(await this.#presenter.withRoomName(m), 'organizer'));
    }
    return views;
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
        return this.#sync.save(refreshedFrom({ ...plan.next, updatedAt: at }, event, at));
      } catch (error) {
        if (isGone(error)) {
          await this.#sync.markCancelled(current);
          throw new AppError('ERR_MEETING_NOT_SCHEDULED', {
            detail:
              'The event was deleted from your calendar in Outlook, so the meeting is cancelled.',
          });
        }
        throw meetingProblem(error);
      }
    });
    return this.#presenter.present(meeting, membership, { refresh: false });
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
      return this.#sync.markCancelled(scheduled);
    });
    return meetingView(await this.#presenter.withRoomName(meeting), 'organizer');
  }

  /** Resolves every pending meeting of every org (start-up): found, posted again, or failed. */
  recoverPending(): Promise<RecoveryReport> {
    return recoverPending(this.#startup());
  }

  /**
   * Every upcoming scheduled meeting holds its organizer's mailbox watch (start-up: meetings booked
   * before the process started, or before watching existed). Returns how many.
   */
  watchUpcoming(): Promise<number> {
    return watchUpcoming(this.#startup());
  }

  // --- change notifications (ChangeConsumer) ---

  /** An event of a watched mailbox changed: if it is a meeting's, its answers are read again. */
  eventChanged(change: EventChange): Promise<void> {
    return this.#sync.eventChanged(change);
  }

  /** Notifications may have been lost: every recent meeting of the mailbox is read again. */
  resync(mailbox: MailboxRef): Promise<void> {
    return this.#sync.resync(mailbox);
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

  #startup(): MeetingStartupDeps {
    const { store, now, logger } = this.#deps;
    const { repo, outbox, watch } = this;
    return { store, repo, outbox, watch, now, logger, byMeeting: this.#byMeeting };
  }
}
