// What a caller sees of a meeting: the record refreshed from the organizer's copy when it is
// scheduled, the room's display name filled in once the places directory lists it, and free rooms
// offered to the organizer when the room declined.
import type { Logger } from 'pino';
import type { KeyedQueue } from '../../domain/keyed-queue.js';
import type { Membership } from '../../domain/membership.js';
import type { SlotCheckDeps } from '../availability/slot-check.js';
import { findFreeRooms, roomName } from './free-rooms.js';
import type { Meeting, RoomOption } from './meeting.js';
import { roleIn } from './meeting-access.js';
import type { MeetingRepository } from './meeting-repository.js';
import type { MeetingSync } from './meeting-sync.js';
import { meetingView, type MeetingView } from './meeting-view.js';

export interface MeetingPresenterDeps {
  readonly repo: MeetingRepository;
  readonly sync: MeetingSync;
  /** The scheduling runtime: cached rooms and slot checks (free rooms when one declines). */
  readonly scheduling: SlotCheckDeps;
  readonly now: () => number;
  readonly logger?: Pick<Logger, 'warn'> | undefined;
  /** The service's per-meeting queue: the refresh before a view waits for work under way. */
  readonly byMeeting: KeyedQueue;
}

export class MeetingPresenter {
  readonly #deps: MeetingPresenterDeps;

  constructor(deps: MeetingPresenterDeps) {
    this.#deps = deps;
  }

  /**
   * The view of a meeting for the caller, first refreshed from the organizer's copy when it is
   * scheduled (a throttled read shows the last answers); its organizer is offered free rooms when
   * the room declined.
   */
  async present(
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
      current = await this.#deps.byMeeting.run(meeting.id, () => this.#deps.sync.refresh(meeting));
    }
    const alternatives =
      role === 'organizer' &&
      current.state === 'scheduled' &&
      current.room?.response === 'declined' &&
      Date.parse(current.end) > this.#deps.now()
        ? await this.#alternatives(current, membership)
        : undefined;
    return meetingView(await this.withRoomName(current), role, alternatives);
  }

  /**
   * A room booked while the tenant's places could not be read gets its display name once the
   * (cached) places directory lists it; the name is kept on the meeting.
   */
  async withRoomName(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    const room = meeting.room;
    if (room === null || room.name !== null) return meeting;
    const name = await roomName(this.#deps.scheduling, meeting.mailbox.tenantId, room.email);
    if (name === null) return meeting;
    const saved = await this.#deps.repo.update(meeting.orgId, meeting.id, (current) =>
      current.room?.email === room.email
        ? { ...current, room: { ...current.room, name } }
        : current,
    );
    return saved ?? { ...meeting, room: { ...room, name } };
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
