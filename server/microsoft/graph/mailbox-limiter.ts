// Outlook lets one app have at most 4 requests in flight per mailbox; the fifth is refused with
// 429 `ApplicationThrottled` "over its MailboxConcurrency limit" (graph-facts §8.2). Quorum keeps
// under that limit itself instead of provoking the 429 and backing off.

import { Semaphore, type Release } from './semaphore.js';

/** Outlook's MailboxConcurrency limit. */
export const OUTLOOK_MAILBOX_CONCURRENCY = 4;

/**
 * The mailbox a Graph URL addresses: the `{id|upn}` of `/users/{id|upn}/…`, lower-cased (UPNs and
 * SMTP addresses are case-insensitive). Undefined for URLs that reach no mailbox (`/users`,
 * `/users/{id}` alone, `/places/…`, `/$batch`). Accepts absolute URLs, versioned paths and the
 * version-less relative URLs of `$batch` items.
 *
 * A mailbox addressed once by object id and once by UPN counts as two keys: callers address
 * mailboxes by object id consistently.
 */
export function mailboxOf(url: string): string | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/').filter((s) => s !== '');
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = decode(segments[i]!);
    // `/users('a@b.com')/…` is the form Graph needs for UPNs starting with `$`.
    const keyed = /^users\('(.+)'\)$/i.exec(segment);
    if (keyed) return keyed[1]!.toLowerCase();
    if (segment.toLowerCase() === 'users' && i + 2 < segments.length) {
      return decode(segments[i + 1]!).toLowerCase();
    }
  }
  return undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One semaphore per (tenant, mailbox), created on demand and dropped when idle. */
export class MailboxLimiter {
  readonly #slots = new Map<string, Semaphore>();

  constructor(readonly perMailbox: number = OUTLOOK_MAILBOX_CONCURRENCY) {}

  /** Mailboxes with a request in flight or waiting (for tests and metrics). */
  get tracked(): number {
    return this.#slots.size;
  }

  /**
   * Takes `permits` slots of each listed mailbox. Mailboxes are locked in sorted order so two
   * `$batch` calls touching the same mailboxes can never each hold what the other waits for.
   */
  async acquire(tenantId: string, demand: ReadonlyMap<string, number>): Promise<Release> {
    const keys = [...demand.keys()].map((m) => [`${tenantId.toLowerCase()}|${m}`, m] as const);
    keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const releases: Release[] = [];
    for (const [key, mailbox] of keys) {
      const slot = this.#slot(key);
      releases.push(this.#wrap(key, slot, await slot.acquire(demand.get(mailbox) ?? 1)));
    }
    return () => {
      for (const release of releases.reverse()) release();
    };
  }

  #slot(key: string): Semaphore {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = new Semaphore(this.perMailbox);
      this.#slots.set(key, slot);
    }
    return slot;
  }

  #wrap(key: string, slot: Semaphore, release: Release): Release {
    return () => {
      release();
      // 50,000 mailboxes swept once should not leave 50,000 semaphores behind.
      if (slot.idle && this.#slots.get(key) === slot) this.#slots.delete(key);
    };
  }
}
