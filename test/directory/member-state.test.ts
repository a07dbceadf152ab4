import { describe, expect, it } from 'vitest';
import type { Member } from '../../server/domain/types.js';
import { applyOutcome, uncheckedCalendar } from '../../server/directory/member-state.js';
import { applyOrgPrecedence } from '../../server/directory/shadowing.js';

const T = 'tenant-a';
const NOW = '2026-03-02T10:00:00.000Z';
const LATER = '2026-03-02T10:15:00.000Z';

function member(overrides: Partial<Member> = {}): Member {
  return {
    id: 'm1',
    orgId: 'o1',
    tenantId: T,
    objectId: 'oid-1',
    email: 'ada@contoso.example',
    displayName: 'Ada',
    role: 'member',
    source: 'directory',
    createdAt: NOW,
    directory: null,
    calendar: {
      ...uncheckedCalendar('conn-1'),
      selectedCalendarIds: ['c2'],
      destinationCalendarId: 'c2',
    },
    personalCalendars: [
      {
        id: 'p1',
        tenantId: T,
        objectId: 'oid-1',
        email: 'ada@contoso.example',
        displayName: 'Ada',
        status: 'connected',
        connectedAt: NOW,
        checkedAt: null,
        shadowedByOrg: false,
      },
      {
        id: 'p2',
        tenantId: 'other-tenant',
        objectId: 'oid-9',
        email: 'ada@gmail.example',
        displayName: 'Ada (home)',
        status: 'connected',
        connectedAt: NOW,
        checkedAt: null,
        shadowedByOrg: false,
      },
    ],
    ...overrides,
  };
}

const connected = { kind: 'connected', timeZone: 'Europe/Paris', workingHours: null } as const;

describe('member calendar state', () => {
  it('records a connected probe with its time zone and keeps the member’s choices', () => {
    const next = applyOutcome(member(), connected, NOW);
    expect(next.calendar).toMatchObject({
      status: 'connected',
      reason: 'connected',
      checkedAt: NOW,
      timeZone: 'Europe/Paris',
      selectedCalendarIds: ['c2'],
      destinationCalendarId: 'c2',
    });
  });

  it('keeps a connected member connected when Graph throttles the probe', () => {
    const before = applyOutcome(member(), connected, NOW);
    const after = applyOutcome(before, { kind: 'transient', retryAt: LATER }, LATER);
    expect(after.calendar).toMatchObject({
      status: 'connected',
      reason: 'connected',
      checkedAt: NOW,
      retryAt: LATER,
    });
  });

  it('keeps a known problem through throttling too', () => {
    const before = applyOutcome(member(), { kind: 'reason', reason: 'no_mailbox' }, NOW);
    const after = applyOutcome(before, { kind: 'transient', retryAt: LATER }, LATER);
    expect(after.calendar).toMatchObject({ reason: 'no_mailbox', status: 'needs_attention' });
  });

  it('says throttled (checking) for a member never checked', () => {
    const after = applyOutcome(member(), { kind: 'transient', retryAt: LATER }, LATER);
    expect(after.calendar).toMatchObject({
      status: 'checking',
      reason: 'throttled',
      retryAt: LATER,
    });
  });

  it('drops retryAt and keeps the request id of an error', () => {
    const throttled = applyOutcome(member(), { kind: 'transient', retryAt: LATER }, NOW);
    const after = applyOutcome(
      throttled,
      { kind: 'reason', reason: 'error', requestId: 'r-1' },
      LATER,
    );
    expect(after.calendar.retryAt).toBeUndefined();
    expect(after.calendar).toMatchObject({ reason: 'error', requestId: 'r-1' });
  });
});

describe('the org-managed calendar wins over a personal connection to the same mailbox', () => {
  it('shadows the personal connection to the same mailbox, not the others', () => {
    const next = applyOutcome(member(), connected, NOW);
    expect(next.personalCalendars.map((p) => p.shadowedByOrg)).toEqual([true, false]);
  });

  it.each([
    ['the connection is disabled', 'connection_disabled'],
    ['the member left the directory', 'not_in_directory'],
  ] as const)('un-shadows it when %s', (_what, reason) => {
    const shadowed = applyOutcome(member(), connected, NOW);
    const next = applyOutcome(shadowed, { kind: 'reason', reason }, LATER);
    expect(next.personalCalendars[0]?.shadowedByOrg).toBe(false);
  });

  it.each([
    ['Graph throttles', { kind: 'transient', retryAt: LATER }],
    ['a probe fails', { kind: 'reason', reason: 'error', requestId: 'r' }],
  ] as const)('keeps it shadowed when %s (no flapping)', (_what, outcome) => {
    const shadowed = applyOutcome(member(), connected, NOW);
    expect(applyOutcome(shadowed, outcome, LATER).personalCalendars[0]?.shadowedByOrg).toBe(true);
  });

  it('un-shadows it when the connection is deleted (the member is unlinked)', () => {
    const shadowed = applyOutcome(member(), connected, NOW);
    const unlinked = { ...shadowed, calendar: { ...shadowed.calendar, tenantConnectionId: null } };
    expect(applyOrgPrecedence(unlinked).personalCalendars[0]?.shadowedByOrg).toBe(false);
  });

  it('does not shadow when the member disconnected the org-managed calendar', () => {
    const m = member();
    const next = applyOutcome(
      { ...m, calendar: { ...m.calendar, disconnected: true } },
      connected,
      NOW,
    );
    expect(next.personalCalendars[0]?.shadowedByOrg).toBe(false);
  });

  it.each([
    ['a connected probe', connected],
    ['a connection-level reason', { kind: 'reason', reason: 'connection_disabled' } as const],
    ['a directory reason', { kind: 'reason', reason: 'account_disabled' } as const],
    ['a transient failure', { kind: 'transient', retryAt: LATER } as const],
  ])('keeps member_disconnected after %s', (_what, outcome) => {
    const m = member();
    const off = {
      ...m,
      calendar: {
        ...m.calendar,
        disconnected: true,
        status: 'not_connected',
        reason: 'member_disconnected',
      },
    } as Member;
    const next = applyOutcome(off, outcome, NOW);
    expect(next.calendar).toMatchObject({
      status: 'not_connected',
      reason: 'member_disconnected',
      disconnected: true,
      selectedCalendarIds: ['c2'],
      destinationCalendarId: 'c2',
    });
  });

  it('returns the same object when nothing changes', () => {
    const m = applyOrgPrecedence(member());
    expect(applyOrgPrecedence(m)).toBe(m);
  });
});
