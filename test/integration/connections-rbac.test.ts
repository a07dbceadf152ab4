// Exchange RBAC for Applications (DESIGN J1): a tenant may grant Quorum calendar access with no
// tenant-wide Calendars/MailboxSettings role. Verification probes real data, so it still passes;
// `roles` are shown for information and the missing features are reported, not fatal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, grantConsent } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const KIM = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };
const OUTLOOK_ROLES = ['Calendars.ReadBasic', 'MailboxSettings.Read'];

interface Connection {
  id: string;
  displayName: string;
  tier: string;
  grantedRoles: string[];
  missingFeatures: { feature: string; needs: string[] }[];
  health: { state: string; reason: string | null };
}

let quorum: TestQuorum;

async function rbac(tenant: string, roles: string[]): Promise<void> {
  const { status } = await control(
    quorum.emulator,
    'POST',
    `/tenants/${tenant}/rbac/${quorum.config.clientId}`,
    { roles },
  );
  expect(status).toBe(200);
}

async function connectionOf(as: typeof MEGAN): Promise<Connection> {
  const res = await quorum.api<{ connections: Connection[] }>(as, 'GET', '/api/org/connections');
  expect(res.status).toBe(200);
  expect(res.body.connections).toHaveLength(1);
  return res.body.connections[0]!;
}

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
});
afterAll(async () => {
  await quorum?.close();
});

describe('a tenant scoped with Exchange RBAC for Applications', () => {
  it('verifies with only a directory role, at the availability tier', async () => {
    await grantConsent(quorum.emulator, 'contoso.com', { roles: ['User.Read.All'] });
    await rbac('contoso.com', OUTLOOK_ROLES);
    const connection = await connectionOf(MEGAN);
    expect(connection).toMatchObject({
      grantedRoles: ['User.Read.All'],
      tier: 'availability',
      health: { state: 'healthy' },
    });
    expect(connection.missingFeatures.map((f) => f.feature)).toEqual([
      'rooms',
      'verifiedDomains',
      'booking',
      'orgEvents',
      'attendance',
    ]);
  });

  it('verifies with no tenant-wide role at all, through the signed-in admin’s own mailbox', async () => {
    await grantConsent(quorum.emulator, 'fabrikam.com', { roles: [] });
    await rbac('fabrikam.com', OUTLOOK_ROLES);
    const connection = await connectionOf(KIM);
    expect(connection).toMatchObject({
      displayName: 'fabrikam.com',
      grantedRoles: [],
      tier: 'availability',
      health: { state: 'healthy' },
    });
    expect(connection.missingFeatures.map((f) => f.feature)).toContain('directory');
  });

  it('reports consent_missing once the RBAC assignment is removed (every probe 403, no scope signal)', async () => {
    await rbac('fabrikam.com', []);
    const { id } = await connectionOf(KIM);
    const res = await quorum.api<Connection>(KIM, 'POST', `/api/org/connections/${id}/verify`, {});
    expect(res.status).toBe(200);
    expect(res.body.health).toMatchObject({ state: 'broken', reason: 'consent_missing' });
  });
});
