import { describe, expect, it } from 'vitest';
import type { Membership } from '../../../server/domain/membership.js';
import type { OrgRepository } from '../../../server/domain/org-repository.js';
import type { Member, Organization, TenantConnection } from '../../../server/domain/types.js';
import type { Meeting } from '../../../server/scheduling/meetings/meeting.js';
import {
  bookingMailbox,
  memberAddresses,
  requireOrganizer,
  roleIn,
} from '../../../server/scheduling/meetings/meeting-access.js';

const TID = 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d';
const org = { id: 'org-1', name: 'Contoso' } as Organization;

function member(id: string, email: string, extra: Partial<Member> = {}): Member {
  return {
    id,
    orgId: org.id,
    tenantId: TID,
    objectId: `oid-${id}`,
    email,
    directory: null,
    calendar: { disconnected: false },
    ...extra,
  } as Member;
}

const adele = member('m-adele', 'adele.vance@contoso.com');
const megan = member('m-megan', 'megan@contoso.com', {
  directory: {
    tenantId: TID,
    objectId: 'oid-m-megan',
    userPrincipalName: 'megan@contoso.onmicrosoft.com',
    mail: 'megan@contoso.com',
    proxyAddresses: ['SMTP:megan@contoso.com', 'smtp:Megan.Bowen@contoso.com', 'x500:/o=whatever'],
    accountEnabled: true,
    userType: 'Member',
    syncedAt: '2026-01-01T00:00:00Z',
  },
});
const patti = member('m-patti', 'patti@contoso.com');

const meeting = {
  orgId: org.id,
  organizerMemberId: adele.id,
  state: 'scheduled',
  attendees: [{ email: 'megan.bowen@contoso.com' }],
} as unknown as Meeting;

const as = (m: Member, o: Organization = org): Membership => ({ org: o, member: m });

describe('who sees and changes a meeting', () => {
  it('knows every address of a member, aliases included', () => {
    expect([...memberAddresses(megan)].sort()).toEqual([
      'megan.bowen@contoso.com',
      'megan@contoso.com',
      'megan@contoso.onmicrosoft.com',
    ]);
  });

  it('lets the organizer change it, an invited member see it, and hides it from everyone else', () => {
    expect(roleIn(meeting, as(adele))).toBe('organizer');
    expect(roleIn(meeting, as(megan))).toBe('attendee');
    expect(() => requireOrganizer(meeting, as(megan))).toThrow(
      expect.objectContaining({ code: 'ERR_MEETING_NOT_ORGANIZER' }),
    );
    expect(() => roleIn(meeting, as(patti))).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_FOUND' }),
    );
    expect(() => requireOrganizer(meeting, as(patti))).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_FOUND' }),
    );
    expect(() => roleIn(undefined, as(adele))).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_FOUND' }),
    );
  });

  it("hides a meeting of another org even from a member whose id matches the organizer's", () => {
    const other = { id: 'org-2', name: 'Fabrikam' } as Organization;
    expect(() => roleIn(meeting, as({ ...adele, orgId: other.id }, other))).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_FOUND' }),
    );
  });

  it('does not show attendees a booking that failed', () => {
    expect(() => roleIn({ ...meeting, state: 'failed' }, as(megan))).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_FOUND' }),
    );
  });
});

describe('bookingMailbox', () => {
  const connection = (change: Partial<TenantConnection>) =>
    ({
      id: 'c1',
      tenantId: TID,
      enabled: true,
      tier: 'booking',
      grantedRoles: [],
      ...change,
    }) as TenantConnection;
  const orgs = (connections: TenantConnection[]) =>
    ({ listConnections: () => Promise.resolve(connections) }) as unknown as OrgRepository;

  it("books only in the caller's own mailbox", async () => {
    const own = await bookingMailbox(orgs([connection({})]), as(adele));
    expect(own.mailbox).toEqual({ tenantId: TID, objectId: 'oid-m-adele' });
  });

  it.each([
    [
      'disconnected',
      { calendar: { disconnected: true } } as Partial<Member>,
      [connection({})],
      'ERR_CALENDAR_DISCONNECTED',
    ],
    [
      'not reached by any enabled connection',
      {},
      [connection({ enabled: false })],
      'ERR_CALENDAR_NOT_MANAGED',
    ],
    [
      'reached by a connection known to lack booking',
      {},
      [connection({ tier: 'availability', grantedRoles: ['Calendars.Read'] })],
      'ERR_BOOKING_NOT_GRANTED',
    ],
  ])('refuses a member whose calendar is %s', async (_, change, connections, code) => {
    await expect(
      bookingMailbox(orgs(connections), as({ ...adele, ...change })),
    ).rejects.toMatchObject({ code });
  });

  it('lets Graph decide when the connection carries no roles (Exchange RBAC for Applications)', async () => {
    await expect(
      bookingMailbox(orgs([connection({ tier: 'availability', grantedRoles: [] })]), as(adele)),
    ).resolves.toBeDefined();
  });
});
