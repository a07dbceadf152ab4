import { describe, expect, it } from 'vitest';
import { connectionAlerts } from '../../server/connections/alerts.js';
import { newConnection } from '../../server/connections/connection-records.js';
import type { TenantConnection } from '../../server/domain/types.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const org = { id: 'org-1' };

function byo(expiresInMs: number, extra: Partial<TenantConnection> = {}): TenantConnection {
  return {
    ...newConnection({
      orgId: org.id,
      tenantId: 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d',
      displayName: 'Contoso',
      credential: {
        kind: 'secret',
        clientId: 'c',
        secretName: 's',
        expiresAt: new Date(NOW + expiresInMs).toISOString(),
      },
      now: NOW - 100 * DAY,
    }),
    enabled: true,
    ...extra,
  };
}

describe('credential expiry alerts', () => {
  it.each([
    [45 * DAY, undefined],
    [30 * DAY, 30],
    [20 * DAY, 30],
    [14 * DAY, 14],
    [8 * DAY, 14],
    [7 * DAY, 7],
    [2 * DAY, 7],
    [23 * 3_600_000, 1],
  ])('at %s ms before expiry raises the %s-day threshold', (left, threshold) => {
    const alerts = connectionAlerts(org, [byo(left)], new Date(NOW));
    expect(alerts.map((a) => a.thresholdDays)).toEqual(threshold === undefined ? [] : [threshold]);
  });

  it('keeps one id per threshold, so each is sent once, and a new id after rotation', () => {
    const c = byo(20 * DAY);
    const a = connectionAlerts(org, [c], new Date(NOW))[0]!;
    const b = connectionAlerts(org, [c], new Date(NOW + DAY))[0]!;
    expect(b.id).toBe(a.id);
    const seven = connectionAlerts(org, [c], new Date(NOW + 13.5 * DAY))[0]!;
    expect(seven).toMatchObject({ thresholdDays: 7, severity: 'warning' });
    expect(seven.id).not.toBe(a.id);
    const rotated = byo(20 * DAY + 1000);
    expect(connectionAlerts(org, [rotated], new Date(NOW))[0]!.id).not.toBe(a.id);
  });

  it('says when the credential has expired, critically', () => {
    expect(connectionAlerts(org, [byo(-DAY)], new Date(NOW))).toEqual([
      expect.objectContaining({ kind: 'credential_expired', severity: 'critical', daysLeft: 0 }),
    ]);
  });

  it("ignores Quorum's own platform credential", () => {
    const platform = byo(2 * DAY);
    platform.credential = { ...platform.credential, kind: 'platform' };
    expect(connectionAlerts(org, [platform], new Date(NOW))).toEqual([]);
  });
});

describe('broken connection alerts', () => {
  const broken = (enabled: boolean, since: string) =>
    byo(400 * DAY, {
      enabled,
      health: {
        state: 'broken',
        reason: 'consent_missing',
        detail: 'AADSTS700016',
        checkedAt: since,
        since,
      },
    });

  it('raises one per outage of an enabled connection, with the fix', () => {
    const [alert] = connectionAlerts(
      org,
      [broken(true, '2025-06-01T10:00:00.000Z')],
      new Date(NOW),
    );
    expect(alert).toMatchObject({
      kind: 'connection_broken',
      reason: 'consent_missing',
      severity: 'critical',
      since: '2025-06-01T10:00:00.000Z',
    });
    expect(alert!.fix).toMatch(/activation link/);
    const later = connectionAlerts(
      org,
      [broken(true, '2025-06-02T10:00:00.000Z')],
      new Date(NOW),
    )[0]!;
    expect(later.id).not.toBe(alert!.id);
  });

  it('stays quiet for a connection that is not turned on', () => {
    expect(
      connectionAlerts(org, [broken(false, '2025-06-01T10:00:00.000Z')], new Date(NOW)),
    ).toEqual([]);
  });
});
