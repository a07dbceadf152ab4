// Who an attendee address is, seen from the caller's org only: a member (by their email, or any
// address their directory user receives mail at — UPN, `smtp:` aliases, plus-addressing), an
// address in one of the org's own tenants that is no member, or someone outside the org. Nothing
// here looks at another org, so no answer can reveal whether an address belongs to one.
import { normalizeEmail, stripPlusTag } from '../../domain/ids.js';
import type { MemberRepository } from '../../domain/member-repository.js';
import type { Member, TenantConnection } from '../../domain/types.js';
import { cooperative } from '../../directory/yield.js';

export type AddressMatch =
  { kind: 'member'; member: Member } | { kind: 'not_a_member' } | { kind: 'outside_org' };

interface AliasIndex {
  readonly version: number;
  readonly builtAt: number;
  readonly byAddress: ReadonlyMap<string, string>;
}

/**
 * How stale the alias index may grow while members change: a sweep of a large org changes them
 * all the time, aliases hardly ever, and the index of 50,000 members is not free to rebuild.
 */
const ALIAS_REBUILD_MS = 60_000;

/** Resolves attendee addresses against an org's members; keeps one alias index per org. */
export class AddressBook {
  readonly #aliases = new Map<string, AliasIndex>();
  readonly #building = new Map<string, Promise<AliasIndex>>();

  constructor(
    private readonly members: MemberRepository,
    private readonly now: () => number,
  ) {}

  async resolve(
    orgId: string,
    connections: readonly Readonly<TenantConnection>[],
    address: string,
  ): Promise<AddressMatch> {
    const exact = normalizeEmail(address);
    const bare = stripPlusTag(exact);
    const direct =
      (await this.members.findByEmail(orgId, exact)) ??
      (bare === exact ? undefined : await this.members.findByEmail(orgId, bare));
    if (direct) return { kind: 'member', member: direct };
    const aliases = await this.#aliasIndex(orgId);
    const id = aliases.byAddress.get(exact) ?? aliases.byAddress.get(bare);
    const viaAlias = id === undefined ? undefined : await this.members.get(orgId, id);
    if (viaAlias) return { kind: 'member', member: viaAlias };
    const domain = bare.slice(bare.lastIndexOf('@') + 1);
    const ownDomain = connections.some((c) =>
      c.verifiedDomains.some((d) => d.toLowerCase() === domain),
    );
    return { kind: ownDomain ? 'not_a_member' : 'outside_org' };
  }

  /**
   * Directory addresses (UPN, mail, smtp proxies) of every member: rebuilt when members changed,
   * at most once a minute, in slices that leave the event loop free (DESIGN §7).
   */
  async #aliasIndex(orgId: string): Promise<AliasIndex> {
    const version = this.members.version(orgId);
    const cached = this.#aliases.get(orgId);
    if (cached && (cached.version === version || this.now() - cached.builtAt < ALIAS_REBUILD_MS)) {
      return cached;
    }
    let building = this.#building.get(orgId);
    if (!building) {
      building = this.#build(orgId, version).finally(() => this.#building.delete(orgId));
      this.#building.set(orgId, building);
    }
    return building;
  }

  async #build(orgId: string, version: number): Promise<AliasIndex> {
    const byAddress = new Map<string, string>();
    const step = cooperative();
    for (const member of await this.members.all(orgId)) {
      await step();
      const link = member.directory;
      if (!link) continue;
      const add = (address: string | null | undefined) => {
        if (!address || !address.includes('@')) return;
        const key = stripPlusTag(normalizeEmail(address));
        if (!byAddress.has(key)) byAddress.set(key, member.id);
      };
      add(link.mail);
      add(link.userPrincipalName);
      for (const proxy of link.proxyAddresses) {
        if (/^smtp:/i.test(proxy)) add(proxy.slice(5));
      }
    }
    const index = { version, builtAt: this.now(), byAddress };
    this.#aliases.set(orgId, index);
    return index;
  }
}
