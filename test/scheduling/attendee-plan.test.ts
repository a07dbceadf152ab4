import { describe, expect, it } from 'vitest';
import type {
  Member,
  PersonalCalendarConnection,
  StatusReason,
  TenantConnection,
} from '../../server/domain/types.js';
import { planAttendee } from '../../server/scheduling/availability/attendee-plan.js';
import { anchorCandidates } from '../../server/scheduling/availability/anchors.js';

const TENANT = 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d';

function connection(enabled = true): TenantConnection {
  return {
    id: 'c1',
    orgId: 'o1',
    tenantId: TENANT,
    displayName: 'Contoso',
    verifiedDomains: ['contoso.com'],
    credential: { kind: 'platform', clientId: 'app' },
    grantedRoles: [],
    tier: 'availability',
    enabled,
    createdAt: '2027-01-01T00:00:00Z',
    lastEnabledAt: null,
    lastDisabledAt: null,
    health: { state: 'healthy', reason: null, detail: null, checkedAt: null },
    sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
  };
}

function member(id: string, reason: StatusReason, options: Partial<Member> = {}): Member {
  return {
    id,
    orgId: 'o1',
    tenantId: TENANT,
    objectId: `oid-${id}`,
    email: `${id}@contoso.com`,
    displayName: id,
    role: 'member',
    source: 'directory',
    createdAt: '2027-01-01T00:00:00Z',
    directory: {
      tenantId: TENANT,
      objectId: `oid-${id}`,
      userPrincipalName: `${id}@contoso.onmicrosoft.com`,
      mail: `${id}@contoso.com`,
      proxyAddresses: [],
      accountEnabled: true,
      userType: 'Member',
      syncedAt: '2027-01-01T00:00:00Z',
    },
    calendar: {
      tenantConnectionId: 'c1',
      status: 'connected',
      reason,
      checkedAt: null,
      timeZone: 'Europe/London',
      workingHours: null,
      disconnected: false,
      selectedCalendarIds: [],
      destinationCalendarId: null,
    },
    personalCalendars: [],
    ...options,
  };
}

function personal(
  status: PersonalCalendarConnection['status'],
  shadowedByOrg = false,
): PersonalCalendarConnection {
  return {
    id: `p-${status}`,
    tenantId: 'other-tenant',
    objectId: 'other-oid',
    email: 'me@fabrikam.com',
    displayName: 'Me',
    status,
    connectedAt: '2027-01-01T00:00:00Z',
    checkedAt: null,
    shadowedByOrg,
  };
}

describe('planAttendee', () => {
  it('reads a connected member’s org mailbox by its primary address, with chosen calendars', () => {
    const m = member('adele', 'connected');
    m.calendar.selectedCalendarIds = ['cal-2'];
    m.calendar.destinationCalendarId = 'cal-3';
    expect(planAttendee(m, [connection()])).toEqual({
      kind: 'read',
      org: {
        tenantId: TENANT,
        objectId: 'oid-adele',
        address: 'adele@contoso.com',
        extraCalendarIds: ['cal-2', 'cal-3'],
        schedulerCalendar: false,
      },
      personal: [],
    });
  });

  it('reads the Quorum Scheduler calendar when the member books into it', () => {
    const m = member('adele', 'connected');
    m.calendar.destinationCalendarId = 'scheduler';
    const plan = planAttendee(m, [connection()]);
    expect(plan).toMatchObject({
      kind: 'read',
      org: { extraCalendarIds: [], schedulerCalendar: true },
    });
  });

  it('adds connected personal calendars but not shadowed ones', () => {
    const m = member('adele', 'connected', {
      personalCalendars: [personal('connected'), { ...personal('connected', true), id: 'shadow' }],
    });
    const plan = planAttendee(m, [connection()]);
    expect(plan.kind === 'read' && plan.personal.map((p) => p.id)).toEqual(['p-connected']);
  });

  it.each([
    [
      'a member who disconnected',
      member('a', 'connected', {
        calendar: { ...member('a', 'connected').calendar, disconnected: true },
      }),
      'disconnected',
    ],
    ['a disabled account', member('a', 'account_disabled'), 'account_disabled'],
    [
      'a member whose tenant connection is disabled',
      member('a', 'connection_disabled'),
      'connection_disabled',
      false,
    ],
    [
      'a member left connected when the connection went away',
      member('a', 'connected'),
      'connection_disabled',
      false,
    ],
    ['a guest without personal calendars', member('a', 'guest_account'), 'guest_account'],
    [
      'a member with a personal calendar needing a new sign-in',
      member('a', 'connected', { personalCalendars: [personal('reauth_required')] }),
      'personal_calendar_unavailable',
    ],
  ])('makes %s unknown (%s)', (_, m, reason, enabled = true) => {
    expect(planAttendee(m, [connection(enabled as boolean)])).toEqual({ kind: 'unknown', reason });
  });

  it('asks Graph for a member whose last probe failed, so a fixed mailbox is known at once', () => {
    expect(planAttendee(member('nestor', 'no_mailbox'), [connection()])).toMatchObject({
      kind: 'read',
    });
  });

  it('reads only the personal calendars of a member without an org-managed one', () => {
    const guest = member('pat', 'guest_account', { personalCalendars: [personal('connected')] });
    expect(planAttendee(guest, [connection()])).toMatchObject({ kind: 'read', org: undefined });
  });
});

describe('anchorCandidates', () => {
  it('puts the caller first, then connected attendees, then others, then unchecked ones', () => {
    const caller = member('caller', 'connected');
    const attendees = [member('busy', 'no_mailbox'), member('att', 'connected')];
    const others = [member('new', 'checking'), member('other', 'connected')];
    expect(anchorCandidates(TENANT, [connection()], [caller, ...attendees], others, 10)).toEqual([
      'oid-caller',
      'oid-att',
      'oid-other',
      'oid-new',
    ]);
  });

  it('skips mailboxes of other tenants and stops at the limit', () => {
    const elsewhere = member('x', 'connected', { tenantId: 'other', directory: null });
    expect(
      anchorCandidates(
        TENANT,
        [connection()],
        [elsewhere, member('a', 'connected'), member('b', 'connected')],
        [],
        1,
      ),
    ).toEqual(['oid-a']);
  });
});
