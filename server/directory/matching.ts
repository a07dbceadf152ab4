// Matching members to directory users (DESIGN §5): case-insensitive on mail, UPN and `smtp:` proxy
// addresses, plus-alias aware, across every verified domain of every connected tenant. When one
// address leads to several users (a guest in one tenant, the person at home in another), the best
// candidate wins: a member account over a guest, an enabled account over a disabled one, a primary
// address (mail, UPN) over an alias, then the older connection.
import { normalizeEmail, stripPlusTag } from '../domain/ids.js';
import type { DirectoryUser } from './directory-user.js';
import { cooperative } from './yield.js';

/** The comparable form of an address: trimmed, lower-cased, `+tag` dropped. */
export function addressKey(address: string): string {
  return stripPlusTag(normalizeEmail(address));
}

/** Every address a user receives mail at, with whether it is a primary one (mail or UPN). */
export function addressesOf(user: DirectoryUser): { key: string; primary: boolean }[] {
  const out = new Map<string, boolean>();
  const add = (address: string | null | undefined, primary: boolean) => {
    if (!address || !address.includes('@')) return;
    const key = addressKey(address);
    out.set(key, (out.get(key) ?? false) || primary);
  };
  add(user.mail, true);
  add(user.userPrincipalName, true);
  for (const proxy of user.proxyAddresses) {
    // `SMTP:` is the primary address, `smtp:` an alias; `SIP:`, `X500:` and the like are not mail.
    if (/^smtp:/i.test(proxy)) add(proxy.slice(5), proxy.startsWith('SMTP:'));
  }
  return [...out].map(([key, primary]) => ({ key, primary }));
}

export interface Candidate {
  user: DirectoryUser;
  /** Position of the user's connection among the org's connections (older first). */
  connectionOrder: number;
  connectionId: string;
  primary: boolean;
}

/** Negative when `a` is the better match. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    rank(a.user.userType === 'Member', b.user.userType === 'Member') ||
    rank(a.user.accountEnabled, b.user.accountEnabled) ||
    rank(a.primary, b.primary) ||
    a.connectionOrder - b.connectionOrder ||
    (a.user.id < b.user.id ? -1 : a.user.id > b.user.id ? 1 : 0)
  );
}

function rank(a: boolean, b: boolean): number {
  return a === b ? 0 : a ? -1 : 1;
}

/** A source of directory users: one connection's snapshot. */
export interface DirectorySource {
  connectionId: string;
  users: Iterable<DirectoryUser>;
}

/** Address → best directory user, over every source, for matching members. */
export class AddressIndex {
  readonly #best = new Map<string, Candidate>();

  /** Builds the index, yielding to the event loop so 50,000 users never block it. */
  static async build(sources: readonly DirectorySource[]): Promise<AddressIndex> {
    const index = new AddressIndex();
    const step = cooperative();
    for (const [order, source] of sources.entries()) {
      for (const user of source.users) {
        await step();
        index.add(user, source.connectionId, order);
      }
    }
    return index;
  }

  add(user: DirectoryUser, connectionId: string, connectionOrder: number): void {
    for (const { key, primary } of addressesOf(user)) {
      const candidate: Candidate = { user, connectionId, connectionOrder, primary };
      const current = this.#best.get(key);
      if (!current || compareCandidates(candidate, current) < 0) this.#best.set(key, candidate);
    }
  }

  /** The best user for a member's address, if any. */
  match(address: string): Candidate | undefined {
    return this.#best.get(addressKey(address));
  }

  /** Whether `user` is the best candidate for its own primary address (so provisioning uses it). */
  isCanonical(user: DirectoryUser, address: string): boolean {
    return this.#best.get(addressKey(address))?.user === user;
  }
}
