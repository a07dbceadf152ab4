// The booking outbox (DESIGN §5 "Writes are idempotent and recoverable"). A meeting is written as
// `pending`, with its transactionId, and flushed to disk before the Graph POST; the event carries the
// meeting id in a Quorum extended property. Whatever stops the process — before the POST, during
// it, or after the 201 but before the record is updated — a pending meeting is later resolved by
// looking the event up by that property and, only if it is not there, POSTing again with the same
// transactionId (which Exchange de-duplicates). So each meeting ends with exactly one event.
import { AppError } from '../../http/errors.js';
import {
  createEvent,
  deleteEvent,
  findEventsByQuorumId,
  type NewEvent,
} from '../../microsoft/events.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { GraphEvent } from '../../microsoft/graph-types.js';
import type { Store } from '../../store/index.js';
import { fallbackReason, offersTeams } from './destination.js';
import { failureOf, isDefinitiveRefusal, refusalProblem } from './graph-failures.js';
import type { Meeting, MeetingTeams } from './meeting.js';
import type { MeetingRepository } from './meeting-repository.js';
import { toGraphTime } from './meeting-time.js';
import { answersFrom } from './responses.js';
import type { SchedulerCalendars } from './scheduler-calendar.js';

/** Points where tests stop the process as a crash would. */
export interface MeetingHooks {
  /** The pending entry is on disk; the POST has not been sent. */
  afterOutboxWrite?(meeting: Readonly<Meeting>): Promise<void> | void;
  /** Graph created the event (201); the record does not know it yet. */
  afterEventCreated?(meeting: Readonly<Meeting>, event: GraphEvent): Promise<void> | void;
}

export interface OutboxDeps {
  readonly store: Store;
  readonly graph: GraphClient;
  readonly repo: MeetingRepository;
  readonly schedulers: SchedulerCalendars;
  readonly now: () => number;
  readonly hooks: MeetingHooks;
}

export const NO_TEAMS_ON_CALENDAR =
  'Your calendar does not offer Teams meetings (no Teams licence or policy for your mailbox), so the meeting was booked without one.';
const NO_TEAMS_FROM_EXCHANGE =
  'Microsoft 365 created the event without a Teams meeting (no Teams licence or policy for your mailbox).';

function eventOf(meeting: Readonly<Meeting>): NewEvent {
  const { room } = meeting;
  return {
    transactionId: meeting.transactionId,
    quorumMeetingId: meeting.id,
    subject: meeting.subject,
    ...(meeting.body === null
      ? {}
      : { body: { contentType: 'text' as const, content: meeting.body } }),
    start: toGraphTime(meeting.start, meeting.timeZone),
    end: toGraphTime(meeting.end, meeting.timeZone),
    attendees: [
      ...meeting.attendees.map((a) => ({ address: a.email, type: a.type })),
      ...(room ? [{ address: room.email, type: 'resource' as const }] : []),
    ],
    ...(room
      ? { location: { displayName: room.name ?? room.email, locationEmailAddress: room.email } }
      : {}),
    teamsMeeting: meeting.onlineMeeting,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The problem a client gets while the outcome is not known yet: the meeting stays pending. */
export function pendingProblem(meeting: Readonly<Meeting>, cause: unknown): AppError {
  const retryAfter =
    cause && typeof cause === 'object' && 'retryAfterSeconds' in cause
      ? (cause as { retryAfterSeconds?: number }).retryAfterSeconds
      : undefined;
  const why = cause instanceof Error ? ` (${cause.message.slice(0, 200)})` : '';
  return new AppError('ERR_MEETING_PENDING', {
    detail: `Microsoft 365 did not confirm the booking yet${why}. It is saved as meeting ${meeting.id} and will be booked once: retry with the same Idempotency-Key, or open /api/meetings/${meeting.id}.`,
    headers: { Location: `/api/meetings/${meeting.id}`, 'Retry-After': String(retryAfter ?? 30) },
    cause,
  });
}

export class Outbox {
  constructor(private readonly deps: OutboxDeps) {}

  /** Writes the pending entry and waits for the disk: nothing reaches Graph before this. */
  async write(meeting: Meeting): Promise<Readonly<Meeting>> {
    const stored = await this.deps.repo.create(meeting);
    await this.deps.store.flush();
    await this.deps.hooks.afterOutboxWrite?.(stored);
    return stored;
  }

  /**
   * Sends a pending meeting's POST and records the event. A destination Exchange will not write
   * moves to the scheduler calendar (recorded and flushed first). A definitive refusal marks the
   * meeting `failed` and throws its problem; anything else leaves it pending and throws
   * `ERR_MEETING_PENDING`.
   */
  async send(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    let current = meeting;
    let event: GraphEvent;
    try {
      event = await this.#post(current);
    } catch (error) {
      const reason = fallbackReason(error, current.destination);
      if (reason === undefined) throw await this.#settle(current, error);
      try {
        current = await this.#moveToScheduler(current, reason);
        event = await this.#post(current);
      } catch (again) {
        throw await this.#settle(current, again);
      }
    }
    await this.deps.hooks.afterEventCreated?.(current, event);
    return this.complete(current, event);
  }

  /**
   * Resolves a pending meeting whose POST may or may not have reached Graph: adopts the event that
   * carries its id, or sends the POST again with the same transactionId.
   */
  async resume(
    meeting: Readonly<Meeting>,
  ): Promise<{ meeting: Readonly<Meeting>; outcome: 'found' | 'posted' }> {
    const { graph } = this.deps;
    const { tenantId, objectId } = meeting.mailbox;
    const found = await findEventsByQuorumId(
      graph,
      tenantId,
      objectId,
      meeting.id,
      meeting.calendarId === null ? {} : { calendarId: meeting.calendarId },
    );
    if (found.length > 0) {
      const keep = found.find((e) => e.transactionId === meeting.transactionId) ?? found[0]!;
      // Two events for one meeting would be a double booking: keep one, withdraw the others.
      for (const extra of found) {
        if (extra.id !== keep.id) await deleteEvent(graph, tenantId, objectId, extra.id);
      }
      return { meeting: await this.complete(meeting, keep), outcome: 'found' };
    }
    return { meeting: await this.send(meeting), outcome: 'posted' };
  }

  /** Records Graph's event on the meeting: `scheduled`, ids, join link, Teams outcome, answers. */
  async complete(meeting: Readonly<Meeting>, event: GraphEvent): Promise<Readonly<Meeting>> {
    const at = iso(this.deps.now());
    const joinUrl = event.onlineMeeting?.joinUrl ?? null;
    const teams: MeetingTeams = !meeting.teams.requested
      ? { requested: false, created: false, reason: null }
      : event.isOnlineMeeting === true && joinUrl !== null
        ? { requested: true, created: true, reason: null }
        : {
            requested: true,
            created: false,
            reason: meeting.teams.reason ?? NO_TEAMS_FROM_EXCHANGE,
          };
    const answers = answersFrom(event, meeting.room);
    const updated = await this.deps.repo.update(meeting.orgId, meeting.id, (current) => ({
      ...current,
      state: 'scheduled',
      graphEventId: event.id,
      iCalUId: event.iCalUId ?? null,
      joinUrl,
      webLink: event.webLink ?? null,
      teams,
      body: null,
      failure: null,
      attendees: answers.attendees.length > 0 ? answers.attendees : current.attendees,
      room: answers.room ?? current.room,
      updatedAt: at,
    }));
    if (!updated) throw new Error(`meeting ${meeting.id} disappeared from the store`);
    return updated;
  }

  async #post(meeting: Readonly<Meeting>): Promise<GraphEvent> {
    const { tenantId, objectId } = meeting.mailbox;
    return createEvent(
      this.deps.graph,
      tenantId,
      objectId,
      eventOf(meeting),
      meeting.calendarId === null ? {} : { calendarId: meeting.calendarId },
    );
  }

  async #moveToScheduler(meeting: Readonly<Meeting>, reason: string): Promise<Readonly<Meeting>> {
    const calendar = await this.deps.schedulers.ensure(meeting.mailbox);
    const teamsOffered = offersTeams(calendar);
    const moved = await this.deps.repo.update(meeting.orgId, meeting.id, (current) => ({
      ...current,
      calendarId: calendar.id,
      destination: { ...current.destination, used: 'scheduler', reason },
      onlineMeeting: current.teams.requested && teamsOffered,
      teams: {
        ...current.teams,
        reason: current.teams.requested && !teamsOffered ? NO_TEAMS_ON_CALENDAR : null,
      },
      updatedAt: iso(this.deps.now()),
    }));
    if (!moved) throw new Error(`meeting ${meeting.id} disappeared from the store`);
    // Recovery must look for the event where the next POST puts it.
    await this.deps.store.flush();
    return moved;
  }

  /** A definitive refusal fails the meeting for good; anything else keeps it pending. */
  async #settle(meeting: Readonly<Meeting>, error: unknown): Promise<AppError> {
    if (!isDefinitiveRefusal(error)) return pendingProblem(meeting, error);
    const failure = failureOf(error);
    await this.deps.repo.update(meeting.orgId, meeting.id, (current) => ({
      ...current,
      state: 'failed',
      failure,
      body: null,
      updatedAt: iso(this.deps.now()),
    }));
    const problem = refusalProblem(failure);
    return new AppError(problem.code, { detail: problem.detail, cause: error });
  }
}
