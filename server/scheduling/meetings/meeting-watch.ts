// Which organizers' mailboxes are watched for change notifications (DESIGN §5): a scheduled meeting
// holds a subscription on its organizer's events until it ends, so that answers arrive within
// seconds; a cancelled, deleted or pruned meeting lets it go (and the notifications runtime drops
// holders whose meeting has ended). Subscription work runs in the background: a booking never waits
// for Graph's validation handshake, and a refused subscription leaves the backstop poll in charge.
import type { Logger } from 'pino';
import type { MailboxRef } from '../../notifications/consumers.js';
import type { EnsureInput } from '../../notifications/subscription-manager.js';
import type { Meeting } from './meeting.js';

/** The notifications runtime's side of it: `ensureSubscription` / `releaseSubscription`. */
export interface SubscriptionHolders {
  ensureSubscription(input: EnsureInput): Promise<unknown>;
  releaseSubscription(input: MailboxRef & { readonly holder: string }): Promise<unknown>;
}

export const meetingHolder = (id: string) => `meeting:${id}`;

function mailboxOf(meeting: Readonly<Meeting>): MailboxRef {
  return {
    orgId: meeting.orgId,
    tenantId: meeting.mailbox.tenantId,
    userId: meeting.mailbox.objectId,
  };
}

/** Whether the meeting needs its organizer's mailbox watched at `now`. */
export function needsWatching(meeting: Readonly<Meeting>, now: number): boolean {
  return (
    meeting.state === 'scheduled' && meeting.graphEventId !== null && Date.parse(meeting.end) > now
  );
}

export class MeetingWatch {
  readonly #background = new Set<Promise<unknown>>();

  constructor(
    private readonly holders: SubscriptionHolders | undefined,
    private readonly now: () => number,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  /** Holds the subscription while the meeting is upcoming and scheduled; releases it otherwise. */
  follow(meeting: Readonly<Meeting>): void {
    if (needsWatching(meeting, this.now())) this.watch(meeting);
    else this.release(meeting);
  }

  watch(meeting: Readonly<Meeting>): void {
    const holders = this.holders;
    if (!holders) return;
    this.#track(
      holders.ensureSubscription({
        ...mailboxOf(meeting),
        holder: meetingHolder(meeting.id),
        until: meeting.end,
      }),
      meeting.id,
      'organizer mailbox not watched',
    );
  }

  release(meeting: Readonly<Meeting>): void {
    const holders = this.holders;
    if (!holders) return;
    this.#track(
      holders.releaseSubscription({ ...mailboxOf(meeting), holder: meetingHolder(meeting.id) }),
      meeting.id,
      'organizer mailbox watch not released',
    );
  }

  /** Resolves once every subscription change started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  #track(work: Promise<unknown>, meetingId: string, failure: string): void {
    const tracked = work.catch((error: unknown) =>
      this.logger?.warn({ err: error, meetingId }, failure),
    );
    this.#background.add(tracked);
    void tracked.finally(() => this.#background.delete(tracked));
  }
}
