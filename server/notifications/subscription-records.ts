// Quorum's record of each watched mailbox: the Graph subscription on it (if Graph accepted one), the
// random id its clientState derives from, and the holders that need it — a meeting or org event
// until it ends, a service mailbox. One org document (`graph-subscriptions`) per org.
import type { Store } from '../store/index.js';
import type { MailboxRef } from './consumers.js';

export const SUBSCRIPTIONS_DOC = 'graph-subscriptions';

/** Why a mailbox is watched, and until when (null: until released). */
export interface SubscriptionHolder {
  until: string | null;
}

export interface SubscriptionFailure {
  at: string;
  /** Graph error code (or `NetworkError`, `ClientTimeout`). */
  code: string;
  message: string;
  /** Failed attempts in a row. */
  attempts: number;
  /** Not retried before this. */
  retryAt: string;
}

export interface SubscriptionRecord extends MailboxRef {
  /** `tenantId/userId`, lower case: the record's key in its org. */
  key: string;
  /** Random, new at each (re)creation; the clientState is derived from it (client-state.ts). */
  recordId: string;
  /** Graph's subscription id; null until Graph accepted one. */
  subscriptionId: string | null;
  /** `pending`: a creation is under way; `failed`: Graph refused it (retried later). */
  state: 'pending' | 'active' | 'failed';
  expiresAt: string | null;
  holders: Record<string, SubscriptionHolder>;
  createdAt: string;
  renewedAt: string | null;
  failure: SubscriptionFailure | null;
  /** An open `reauthorizationRequired` challenge that reauthorize and renew both failed to answer. */
  reauthorizationRequired: boolean;
  lastNotificationAt: string | null;
  lastResyncAt: string | null;
}

type Doc = Record<string, SubscriptionRecord>;

export function mailboxKey(tenantId: string, userId: string): string {
  return `${tenantId}/${userId}`.toLowerCase();
}

/** The records of every org, read and written through the store (in memory, durable on flush). */
export class SubscriptionRecords {
  constructor(private readonly store: Store) {}

  async list(orgId: string): Promise<SubscriptionRecord[]> {
    const doc = await this.store.getOrgDoc<Doc>(orgId, SUBSCRIPTIONS_DOC);
    return Object.values(doc ?? {}) as SubscriptionRecord[];
  }

  async get(orgId: string, key: string): Promise<SubscriptionRecord | undefined> {
    const doc = await this.store.getOrgDoc<Doc>(orgId, SUBSCRIPTIONS_DOC);
    return doc?.[key] as SubscriptionRecord | undefined;
  }

  /** The record Graph's subscription id names. */
  async findBySubscriptionId(
    orgId: string,
    subscriptionId: string,
  ): Promise<SubscriptionRecord | undefined> {
    return (await this.list(orgId)).find((r) => r.subscriptionId === subscriptionId);
  }

  /** Replaces the record with `fn(current)`; `null` removes it. Returns what was written. */
  async update(
    orgId: string,
    key: string,
    fn: (current: SubscriptionRecord | undefined) => SubscriptionRecord | null,
  ): Promise<SubscriptionRecord | null> {
    let written: SubscriptionRecord | null = null;
    await this.store.updateOrgDoc<Doc>(orgId, SUBSCRIPTIONS_DOC, (current) => {
      const next: Doc = { ...(current ?? {}) };
      written = fn(next[key] as SubscriptionRecord | undefined);
      if (written === null) delete next[key];
      else next[key] = written;
      return next;
    });
    return written;
  }

  /** Every org holding at least one record (system: the maintenance pass walks all orgs). */
  async orgIds(): Promise<string[]> {
    const out: string[] = [];
    for (const orgId of await this.store.listOrgIds()) {
      const doc = await this.store.getOrgDoc<Doc>(orgId, SUBSCRIPTIONS_DOC);
      if (doc && Object.keys(doc).length > 0) out.push(orgId);
    }
    return out;
  }
}
