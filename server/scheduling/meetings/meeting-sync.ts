// Keeps meeting records in step with their organizers' copies: answers read again from Graph (one
// meeting, or a page through `$batch`), an event deleted in Outlook marks its meeting cancelled, and
// a new end or state moves the mailbox watch. As the notifications runtime's change consumer, a
// change or resync re-reads the answers without anyone opening the meeting.
import type { KeyedQueue } from '../../domain/keyed-queue.js';
import { AppError } from '../../http/errors.js';
import { getEvent } from '../../microsoft/events.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { EventChange, MailboxRef } from '../../notifications/consumers.js';
import { isGone, isTransientFailure, meetingProblem } from './graph-failures.js';
import type { Meeting } from './meeting.js';
import { refreshMany } from './meeting-list.js';
import type { MeetingRepository } from './meeting-repository.js';
import type { MeetingWatch } from './meeting-watch.js';
import { refreshedFrom } from './responses.js';

export interface MeetingSyncDeps {
  readonly graph: GraphClient;
  readonly repo: MeetingRepository;
  readonly watch: MeetingWatch;
  readonly now: () => number;
  /** The service's per-meeting queue: a change notification waits for work under way. */
  readonly byMeeting: KeyedQueue;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A resync re-reads meetings that ended up to this long ago (late answers still count). */
const RESYNC_AFTER_END_MS = 86_400_000;

export class MeetingSync {
  readonly #deps: MeetingSyncDeps;

  constructor(deps: MeetingSyncDeps) {
    this.#deps = deps;
  }

  /** Writes the meeting; a new end or state moves (or releases) the watch on its mailbox. */
  async save(next: Meeting): Promise<Readonly<Meeting>> {
    let before: { state: string; end: string } | undefined;
    const saved = await this.#deps.repo.update(next.orgId, next.id, (current) => {
      before = { state: current.state, end: current.end };
      return next;
    });
    if (!saved) throw new AppError('ERR_NOT_FOUND', { detail: 'No such meeting.' });
    if (before?.state !== saved.state || before.end !== saved.end) this.#deps.watch.follow(saved);
    return saved;
  }

  async markCancelled(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    const at = iso(this.#deps.now());
    return this.save({ ...meeting, state: 'cancelled', cancelledAt: at, updatedAt: at });
  }

  /** Reads the organizer's copy again (call it on the meeting's queue); throttled: kept as is. */
  async refresh(meeting: Readonly<Meeting>): Promise<Readonly<Meeting>> {
    const { graph, repo, now } = this.#deps;
    const { tenantId, objectId } = meeting.mailbox;
    try {
      const event = await getEvent(graph, tenantId, objectId, meeting.graphEventId!);
      const current = (await repo.get(meeting.orgId, meeting.id)) ?? meeting;
      return await this.save(refreshedFrom(current, event, iso(now())));
    } catch (error) {
      if (isGone(error)) return this.markCancelled(meeting);
      if (isTransientFailure(error)) return meeting;
      throw meetingProblem(error);
    }
  }

  /** Re-reads a page of meetings in one `$batch`; one found cancelled lets its mailbox go. */
  async refreshMany(page: readonly Readonly<Meeting>[]): Promise<Readonly<Meeting>[]> {
    const { graph, repo, now, watch } = this.#deps;
    const refreshed = await refreshMany({ graph, repo, now }, page);
    refreshed.forEach((m, i) => {
      if (page[i]!.state !== m.state) watch.follow(m);
    });
    return refreshed;
  }

  /** An event of a watched mailbox changed: if it is a meeting's, its answers are read again. */
  async eventChanged(change: EventChange): Promise<void> {
    const { repo, byMeeting } = this.#deps;
    const found = await repo.findByGraphEventId(change.orgId, change.eventId);
    if (!found || !inMailbox(found, change)) return;
    await byMeeting.run(found.id, async () => {
      const current = await repo.get(found.orgId, found.id);
      if (current?.state !== 'scheduled' || current.graphEventId !== change.eventId) return;
      await this.refresh(current);
    });
  }

  /** Notifications may have been lost: every recent meeting of the mailbox is read again. */
  async resync(mailbox: MailboxRef): Promise<void> {
    const since = this.#deps.now() - RESYNC_AFTER_END_MS;
    const meetings = (
      await this.#deps.repo.listByMailbox(mailbox.orgId, {
        tenantId: mailbox.tenantId,
        objectId: mailbox.userId,
      })
    ).filter(
      (m) => m.state === 'scheduled' && m.graphEventId !== null && Date.parse(m.end) > since,
    );
    if (meetings.length > 0) await this.refreshMany(meetings);
  }
}

function inMailbox(meeting: Readonly<Meeting>, mailbox: MailboxRef): boolean {
  return (
    meeting.mailbox.tenantId.toLowerCase() === mailbox.tenantId.toLowerCase() &&
    meeting.mailbox.objectId.toLowerCase() === mailbox.userId.toLowerCase()
  );
}
