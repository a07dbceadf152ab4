import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../server/directory/directory-user.js';
import { AddressIndex, addressesOf, addressKey } from '../../server/directory/matching.js';

const CONTOSO = 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d';
const FABRIKAM = 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a';

function user(id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id,
    tenantId: CONTOSO,
    displayName: id,
    mail: null,
    userPrincipalName: `${id}@contoso.onmicrosoft.com`,
    proxyAddresses: [],
    accountEnabled: true,
    userType: 'Member',
    licensed: true,
    ...overrides,
  };
}

const lynne = user('lynne', {
  mail: 'Lynne.Robbins@contoso.com',
  userPrincipalName: 'lynne.robbins@contoso.com',
  proxyAddresses: [
    'SMTP:Lynne.Robbins@contoso.com',
    'smtp:lynne.r@contoso.co.uk',
    'smtp:lynne@contoso.co.uk',
    'SIP:lynne.sip@contoso.com',
    'X500:/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=lynne',
  ],
});
const patGuest = user('pat-guest', {
  tenantId: CONTOSO,
  mail: 'pat.kowalski@fabrikam.com',
  userPrincipalName: 'pat.kowalski_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  userType: 'Guest',
  licensed: false,
});
const patHome = user('pat-home', {
  tenantId: FABRIKAM,
  mail: 'pat.kowalski@fabrikam.com',
  userPrincipalName: 'pat.kowalski@fabrikam.com',
});
const oldSam = user('sam-old', { mail: 'sam@contoso.com', accountEnabled: false });
const newSam = user('sam-new', {
  tenantId: FABRIKAM,
  mail: 'sam.t@fabrikam.com',
  proxyAddresses: ['smtp:sam@contoso.com'],
});

async function index(): Promise<AddressIndex> {
  return AddressIndex.build([
    { connectionId: 'contoso', users: [lynne, patGuest, oldSam] },
    { connectionId: 'fabrikam', users: [patHome, newSam] },
  ]);
}

describe('matching members to directory users', () => {
  it.each([
    ['the primary address in another case', 'LYNNE.ROBBINS@CONTOSO.COM', 'lynne'],
    ['the UPN', 'lynne.robbins@contoso.com', 'lynne'],
    ['an smtp: alias on a second verified domain', 'lynne.r@contoso.co.uk', 'lynne'],
    ['another alias domain, mixed case', 'Lynne@Contoso.Co.UK', 'lynne'],
    ['a plus-addressed primary', 'lynne.robbins+quorum@contoso.com', 'lynne'],
    ['a plus-addressed alias', 'lynne+x@contoso.co.uk', 'lynne'],
    ['surrounding spaces', '  lynne.robbins@contoso.com ', 'lynne'],
    [
      'the home account over a guest copy in another tenant',
      'pat.kowalski@fabrikam.com',
      'pat-home',
    ],
    ['an enabled alias owner over a disabled primary owner', 'sam@contoso.com', 'sam-new'],
  ])('matches %s (%s → %s)', async (_what, address, expected) => {
    expect((await index()).match(address)?.user.id).toBe(expected);
  });

  it.each([
    ['a SIP address', 'lynne.sip@contoso.com'],
    ['an X500 address', '/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=lynne'],
    ['a different local part', 'lynne.robbin@contoso.com'],
    ['the same local part on an unknown domain', 'lynne.robbins@contoso.org'],
  ])('does not match %s', async (_what, address) => {
    expect((await index()).match(address)).toBeUndefined();
  });

  it('names the connection of the match', async () => {
    expect((await index()).match('pat.kowalski@fabrikam.com')?.connectionId).toBe('fabrikam');
  });

  it('matches the guest when only its tenant is connected', async () => {
    const only = await AddressIndex.build([{ connectionId: 'contoso', users: [patGuest] }]);
    expect(only.match('Pat.Kowalski+team@fabrikam.com')?.user.id).toBe('pat-guest');
  });

  it('treats a user as canonical only for addresses no better user holds', async () => {
    const idx = await index();
    expect(idx.isCanonical(patHome, 'pat.kowalski@fabrikam.com')).toBe(true);
    expect(idx.isCanonical(patGuest, 'pat.kowalski@fabrikam.com')).toBe(false);
  });

  it('lists each address once, primary when mail, UPN or SMTP: says so', () => {
    expect(addressesOf(lynne)).toEqual([
      { key: 'lynne.robbins@contoso.com', primary: true },
      { key: 'lynne.r@contoso.co.uk', primary: false },
      { key: 'lynne@contoso.co.uk', primary: false },
    ]);
  });

  it('normalizes addresses by case, spaces and plus tags', () => {
    expect(addressKey(' A.B+Tag@Example.COM ')).toBe('a.b@example.com');
    expect(addressKey('plain@example.com')).toBe('plain@example.com');
  });
});
