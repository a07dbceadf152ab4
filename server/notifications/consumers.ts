// What the change-notification feature hands to the features that track events (meetings, org
// events): a named mailbox, a change to one event in it, and the call to re-read everything tracked
// there when notifications may have been lost. Each feature registers one `ChangeConsumer`.

/** One mailbox Quorum watches, in the org that watches it. `userId` is the Entra object id. */
export interface MailboxRef {
  readonly orgId: string;
  readonly tenantId: string;
  readonly userId: string;
}

export type ChangeType = 'created' | 'updated' | 'deleted';

/** A verified change notification: this event of this mailbox changed. */
export interface EventChange extends MailboxRef {
  readonly eventId: string;
  readonly changeType: ChangeType;
}

/**
 * Why a consumer must re-read a mailbox from Graph: Graph reported lost notifications (`missed`),
 * removed the subscription (`subscriptionRemoved`, recreated first), or the periodic `backstop`.
 */
export type ResyncReason = 'missed' | 'subscriptionRemoved' | 'backstop';

/** A feature that keeps Graph event state (answers, times) and wants to hear about changes. */
export interface ChangeConsumer {
  readonly name: string;
  /** An event of a watched mailbox changed; ignore events you do not track. */
  eventChanged(change: EventChange): Promise<void>;
  /** Re-read from Graph everything you track in the mailbox. */
  resync(mailbox: MailboxRef, reason: ResyncReason): Promise<void>;
}

/** The registered consumers; every change and resync goes to each of them, in order. */
export class ChangeConsumers {
  readonly #consumers: ChangeConsumer[] = [];

  add(consumer: ChangeConsumer): void {
    if (this.#consumers.some((c) => c.name === consumer.name)) {
      throw new TypeError(`a change consumer named ${consumer.name} is already registered`);
    }
    this.#consumers.push(consumer);
  }

  list(): readonly ChangeConsumer[] {
    return this.#consumers;
  }
}
