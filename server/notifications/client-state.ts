// The `clientState` Quorum gives each Graph subscription, and its check on every notification.
//
// Decision: clientState = base64url(HMAC-SHA256(K, "quorum.graph-subscription.v1:" + recordId)),
// where recordId is a random UUID Quorum picks before each (re)creation and K is one 32-byte
// system key kept encrypted in the store (`graph-client-state-key`). Nothing per subscription is
// secret at rest, yet each subscription's value is unguessable and different; a notification is
// accepted only when its clientState equals the one derived for the subscription it names,
// compared in constant time (DESIGN §9). Rotating K (deleting the secret) invalidates every
// subscription's clientState; the lifecycle of each record then recreates them.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/index.js';

export const CLIENT_STATE_KEY_SECRET = 'graph-client-state-key';
const LABEL = 'quorum.graph-subscription.v1:';

export class ClientStates {
  #key: Promise<Buffer> | undefined;

  constructor(private readonly store: Store) {}

  /** The key, created on first use (one creation even when asked concurrently). */
  #keyOnce(): Promise<Buffer> {
    this.#key ??= (async () => {
      const existing = await this.store.readSystemSecret(CLIENT_STATE_KEY_SECRET);
      if (existing !== undefined) return Buffer.from(existing, 'base64');
      const fresh = randomBytes(32);
      await this.store.putSystemSecret(CLIENT_STATE_KEY_SECRET, fresh.toString('base64'));
      return fresh;
    })();
    this.#key.catch(() => (this.#key = undefined));
    return this.#key;
  }

  /** The clientState of the subscription created for `recordId` (43 characters, Graph allows 128). */
  async for(recordId: string): Promise<string> {
    const key = await this.#keyOnce();
    return createHmac('sha256', key)
      .update(LABEL + recordId)
      .digest('base64url');
  }

  /** True when `presented` is exactly the clientState of `recordId`; constant time in its content. */
  async matches(recordId: string, presented: unknown): Promise<boolean> {
    if (typeof presented !== 'string') return false;
    const expected = Buffer.from(await this.for(recordId));
    const given = Buffer.from(presented);
    // timingSafeEqual needs equal lengths; compare against itself so a length mismatch costs the same.
    if (given.length !== expected.length) {
      timingSafeEqual(expected, expected);
      return false;
    }
    return timingSafeEqual(given, expected);
  }
}
