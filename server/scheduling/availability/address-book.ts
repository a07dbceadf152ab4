// Who an attendee address is, seen from the caller's org only: a member (by their email, or any
// address their directory user receives mail at — UPN, `smtp:` aliases, plus-addressing), an
// address in one of the org's own tenants that is no member, or someone outside the org. Nothing
// here looks at another org, so no answer can reveal whether an address belongs to one.
import { normalizeEmail, stripPlusTag } from '../../domain/ids.js';
import type { MemberRepository } from '../../domain/member-repository.js';
import type { Member, TenantConnection } from '../../domain/types.js';

export type AddressMatch =
  { kind: 'member'; member: Member } | { kind: 'not_a_member' } | { kind: 'outside_org' };

interface AliasIndex {
  readonly version: number;
  readonly byAddress: ReadonlyMap<string, string>;
}

/** Resolves attendee addresses against an org's members; keeps one alias index per org version. */
export class AddressBook {
  readonly #aliases = new Map<string, AliasIndex>();

  constructor(private readonly members: MemberRepository) {}

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

  /** Directory addresses (UPN, mail, smtp proxies) of every member, rebuilt when members change. */
  async #aliasIndex(orgId: string): Promise<AliasIndex> {
    const version = this.members.version(orgId);
    const cached = this.#aliases.get(orgId);
    if (cached && cached.version === version) return cached;
    const byAddress = new Map<string, string>();
    for (const member of await this.members.all(orgId)) {
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
    const index = { version, byAddress };
    this.#aliases.set(orgId, index);
    return index;
  }
}
