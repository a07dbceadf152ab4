// What connection changes mean for members (with the directory feature): a new connection syncs at
// once, disabling shows `connection_disabled` on every member it reached, enabling brings them back,
// a broken connection is an alert in `GET /api/org/status`, deleting purges the tenant's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, grantConsent } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { listAll, runtimeOf } from '../directory/support.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

let quorum: TestQuorum;
let connectionId: string;

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
});
afterAll(async () => {
  await runtimeOf(quorum).jobs.idle();
  await quorum?.close();
});

async function reasons(): Promise<Map<string, string>> {
  return new Map((await listAll(quorum, MEGAN)).map((m) => [m.email, m.reason]));
}

describe('connections and their members', () => {
  it('syncs the directory as soon as discovery connects the tenant', async () => {
    await grantConsent(quorum.emulator, 'contoso.com');
    const list = await quorum.api<{ connections: { id: string }[] }>(
      MEGAN,
      'GET',
      '/api/org/connections',
    );
    connectionId = list.body.connections[0]!.id;
    await quorum.services.connections.idle();
    await runtimeOf(quorum).jobs.idle();
    const members = await reasons();
    expect(members.size).toBeGreaterThan(10);
    expect(members.get('adele.vance@contoso.com')).toBe('connected');
  });

  it('shows connection_disabled on every member the connection reached, at once', async () => {
    const before = await reasons();
    const connected = [...before].filter(([, r]) => r === 'connected').map(([e]) => e);
    expect(connected.length).toBeGreaterThan(5);
    await quorum.api(MEGAN, 'POST', `/api/org/connections/${connectionId}/disable`);
    const after = await reasons();
    for (const email of connected)
      expect([email, after.get(email)]).toEqual([email, 'connection_disabled']);
  });

  it('brings them back when the connection is enabled again', async () => {
    const res = await quorum.api(MEGAN, 'POST', `/api/org/connections/${connectionId}/enable`);
    expect(res.status).toBe(200);
    await quorum.services.connections.idle();
    await runtimeOf(quorum).jobs.idle();
    expect((await reasons()).get('adele.vance@contoso.com')).toBe('connected');
  });

  it('puts a connection broken by revoked consent among the org status alerts', async () => {
    await control(
      quorum.emulator,
      'DELETE',
      `/tenants/contoso.com/consent/${quorum.config.clientId}`,
    );
    await quorum.services.connections.monitor.runOnce();
    const status = await quorum.api<{ alerts: { kind: string; connectionId: string }[] }>(
      MEGAN,
      'GET',
      '/api/org/status',
    );
    expect(status.status).toBe(200);
    expect(status.body.alerts).toEqual([
      expect.objectContaining({ kind: 'connection_broken', connectionId }),
    ]);
  });

  it('purges the directory data copied from the tenant when the connection is deleted', async () => {
    expect((await quorum.api(MEGAN, 'DELETE', `/api/org/connections/${connectionId}`)).status).toBe(
      204,
    );
    const orgId = (await quorum.services.store.findOrgByTenant(
      quorum.emulator.tenantId('contoso.com'),
    ))!;
    const members = await quorum.services.members.all(orgId);
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) {
      expect(m.directory).toBeNull();
      expect(m.calendar.tenantConnectionId).toBeNull();
      expect(m.calendar.reason).toBe('not_in_directory');
    }
  });
});
