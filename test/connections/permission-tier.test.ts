import { describe, expect, it } from 'vitest';
import { permissionTier } from '../../server/connections/permission-tier.js';

const AVAILABILITY = [
  'User.Read.All',
  'MailboxSettings.Read',
  'Calendars.ReadBasic',
  'Place.Read.All',
  'Organization.Read.All',
];

describe('permission tier', () => {
  it.each([
    ['availability', AVAILABILITY],
    ['booking', [...AVAILABILITY, 'Calendars.ReadWrite']],
    ['orgEvents', [...AVAILABILITY, 'Calendars.ReadWrite', 'GroupMember.Read.All']],
    [
      'attendance',
      [
        ...AVAILABILITY,
        'Calendars.ReadWrite',
        'GroupMember.Read.All',
        'OnlineMeetingArtifact.Read.All',
      ],
    ],
  ])('is %s with its permissions', (tier, roles) => {
    const result = permissionTier({ roles, mailboxProbePassed: true });
    expect(result.tier).toBe(tier);
  });

  it('stops at the first tier with a gap, and reports every missing feature', () => {
    const result = permissionTier({
      roles: [...AVAILABILITY, 'GroupMember.Read.All'],
      mailboxProbePassed: true,
    });
    expect(result.tier).toBe('availability');
    expect(result.missingFeatures).toEqual([
      { feature: 'booking', needs: ['Calendars.ReadWrite'] },
      { feature: 'attendance', needs: ['OnlineMeetingArtifact.Read.All'] },
    ]);
  });

  it('counts a passed mailbox probe as availability even with no role (Exchange RBAC)', () => {
    const result = permissionTier({ roles: [], mailboxProbePassed: true });
    expect(result.tier).toBe('availability');
    expect(result.missingFeatures.map((f) => f.feature)).toEqual([
      'directory',
      'rooms',
      'verifiedDomains',
      'booking',
      'orgEvents',
      'attendance',
    ]);
  });

  it('needs both settings and calendar roles without a probe', () => {
    expect(permissionTier({ roles: ['Calendars.Read'], mailboxProbePassed: false }).tier).toBe(
      'none',
    );
    expect(
      permissionTier({
        roles: ['Calendars.Read', 'MailboxSettings.Read'],
        mailboxProbePassed: false,
      }).tier,
    ).toBe('availability');
  });
});
