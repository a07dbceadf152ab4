// Issue 4, "Done when", as one journey on the emulator: an org admin connects Contoso each of the
// three ways — Teams admin center consent found by the first sign-in, the activation link, a
// bring-your-own app registration — one at a time, deleting in between; sees every member with the
// right status and reason; fixes one (a licence, through the control API), re-checks and sees it
// turn connected; and sees the connection-level reasons the control API causes (revoked consent,
// disabled, expired secret) on the connection and on its members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../server/domain/reasons.js';
import { control, grantConsent, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { followActivationLink } from '../connections/support.js';
import { byEmail, listAll, runtimeOf, type ListedMember } from '../directory/support.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = 'adele.vance@contoso.com';
const NESTOR = 'nestor.wilke@contoso.com';

interface Connection {
  id: string;
  enabled: boolean;
  credential: { kind: string };
  health: { state: string; reason: string | null };
}
interface OrgStatus {
  members: { byReason: Record<string, number> };
  connections: { id: string; health: { state: string; reason: string | null } }[];
  alerts: { kind: string; connectionId: string | null }[];
}

let quorum: TestQuorum;

async function connections(): Promise<Connection[]> {
  const res = await quorum.api<{ connections: Connection[] }>(MEGAN, 'GET', '/api/org/connections');
  expect(res.status).toBe(200);
  return res.body.connections;
}

async function only(): Promise<Connection> {
  const list = await connections();
  expect(list).toHaveLength(1);
  return list[0]!;
}

async function orgStatus(): Promise<OrgStatus> {
  const res = await quorum.api<OrgStatus>(MEGAN, 'GET', '/api/org/status');
  expect(res.status).toBe(200);
  return res.body;
}

async function members(): Promise<Map<string, ListedMember>> {
  return byEmail(await listAll(quorum, MEGAN));
}

/** Background verification, the sync an enabled connection starts, and the sync itself. */
async function settle(): Promise<void> {
  await quorum.services.connections.idle();
  await runtimeOf(quorum).jobs.idle();
}

/** Every kind of Contoso member with the status and reason its state at "Microsoft" calls for. */
async function expectContosoStatuses(nestor: 'no_mailbox' | 'connected'): Promise<void> {
  const listed = await members();
  const expected: [string, string, string][] = [
    [ADELE, 'connected', 'connected'],
    ['megan.bowen@contoso.com', 'connected', 'connected'],
    ['lynne.robbins@contoso.com', 'connected', 'connected'],
    ['diego.siciliani@contoso.com', 'not_connected', 'account_disabled'],
    [NESTOR, nestor === 'connected' ? 'connected' : 'needs_attention', nestor],
    ['lidia.holloway@contoso.com', 'needs_attention', 'no_mailbox'],
    ['pradeep.gupta@contoso.com', 'needs_attention', 'outside_access_scope'],
    ['grady.archie@contoso.com', 'needs_attention', 'outside_access_scope'],
    ['pat.kowalski@fabrikam.com', 'not_connected', 'guest_account'],
  ];
  for (const [email, status, reason] of expected) {
    const member = listed.get(email);
    expect([email, member?.status, member?.reason]).toEqual([email, status, reason]);
    expect(member?.fix).toBe(REASONS[reason as keyof typeof REASONS].fix);
  }
  expect(listed.get('room.rainier@contoso.com')).toBeUndefined();
}

/** The connection and its members show `reason`, in the connection list and the org status. */
async function expectConnectionReason(reason: string, connectionId: string): Promise<void> {
  const status = await orgStatus();
  const listed = await members();
  expect(listed.get(ADELE)).toMatchObject({ status: 'not_connected', reason });
  expect(status.members.byReason[reason]).toBeGreaterThan(10);
  expect(status.members.byReason.connected ?? 0).toBe(0);
  if (reason !== 'connection_disabled') {
    expect(status.connections).toEqual([
      expect.objectContaining({
        id: connectionId,
        health: expect.objectContaining({ state: 'broken', reason }),
      }),
    ]);
    expect(status.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'connection_broken', connectionId }),
      ]),
    );
  }
}

async function deleteOnly(): Promise<void> {
  const connection = await only();
  const res = await quorum.api(MEGAN, 'DELETE', `/api/org/connections/${connection.id}`);
  expect(res.status).toBe(204);
  expect(await connections()).toEqual([]);
}

/** The periodic verification, run now. */
async function periodicCheck(): Promise<void> {
  await quorum.services.connections.monitor.runOnce();
  await quorum.services.connections.idle();
}

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
});
afterAll(async () => {
  await runtimeOf(quorum)?.jobs.idle();
  await quorum?.close();
});

describe('Contoso connected each of the three ways', { timeout: 60_000 }, () => {
  describe('1. Teams admin center consent, found by the first sign-in', () => {
    it('connects, and shows every member with the right status and reason', async () => {
      await grantConsent(quorum.emulator, 'contoso.com');
      expect(await only()).toMatchObject({
        enabled: true,
        credential: { kind: 'platform' },
        health: { state: 'healthy' },
      });
      await settle();
      await expectContosoStatuses('no_mailbox');
    });

    it('turns a member connected once licensed and re-checked', async () => {
      const licensed = await control(
        quorum.emulator,
        'PATCH',
        `/tenants/contoso.com/users/${NESTOR}`,
        { licensed: true },
      );
      expect(licensed.status).toBe(200);
      const nestor = (await members()).get(NESTOR)!;
      const res = await quorum.api<ListedMember>(
        MEGAN,
        'POST',
        `/api/org/members/${nestor.id}/recheck`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'connected', reason: 'connected', fix: null });
      expect((await members()).get(NESTOR)?.reason).toBe('connected');
    });

    it('shows consent revoked at Microsoft as consent_missing', async () => {
      const revoked = await control(
        quorum.emulator,
        'DELETE',
        `/tenants/contoso.com/consent/${quorum.config.clientId}`,
      );
      expect(revoked.status).toBe(204);
      await periodicCheck();
      await expectConnectionReason('consent_missing', (await only()).id);
    });

    it('deletes the connection', deleteOnly);
  });

  describe('2. the activation link', () => {
    it('connects again, and shows every member with the right status and reason', async () => {
      const link = await quorum.api<{ url: string }>(
        MEGAN,
        'POST',
        '/api/org/connections/consent-link',
        {},
      );
      expect(link.status).toBe(201);
      const { final } = await followActivationLink(quorum, link.body.url, {
        consentAs: MEGAN.upn,
      });
      expect(final.status).toBe(200);
      expect(await only()).toMatchObject({ enabled: true, health: { state: 'healthy' } });
      await settle();
      await expectContosoStatuses('connected');
    });

    it('shows a disabled connection as connection_disabled on its members at once', async () => {
      const { id } = await only();
      const res = await quorum.api(MEGAN, 'POST', `/api/org/connections/${id}/disable`);
      expect(res.status).toBe(200);
      await expectConnectionReason('connection_disabled', id);
    });

    it('deletes the connection', deleteOnly);
  });

  describe('3. a bring-your-own app registration with a client secret', () => {
    let app: { appId: string; clientSecret: string; secretKeyId: string; secretExpiresAt: string };

    it('connects after verify and enable, and shows every member with the right status and reason', async () => {
      const created = await control<typeof app>(quorum.emulator, 'POST', '/apps', {
        tenant: 'contoso.com',
        displayName: 'Contoso calendars for Quorum',
      });
      expect(created.status).toBe(201);
      app = created.body;
      const saved = await quorum.api<Connection>(MEGAN, 'POST', '/api/org/connections', {
        tenantId: TENANTS.contoso.id,
        clientId: app.appId,
        credential: { kind: 'secret', secret: app.clientSecret, expiresAt: app.secretExpiresAt },
      });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({ enabled: false, credential: { kind: 'secret' } });
      const verified = await quorum.api<Connection>(
        MEGAN,
        'POST',
        `/api/org/connections/${saved.body.id}/verify`,
        {},
      );
      expect(verified.body.health.state).toBe('healthy');
      const enabled = await quorum.api(
        MEGAN,
        'POST',
        `/api/org/connections/${saved.body.id}/enable`,
      );
      expect(enabled.status).toBe(200);
      await settle();
      await expectContosoStatuses('connected');
    });

    it('shows an expired secret as credential_expired on the connection and its members', async () => {
      const expired = await control(
        quorum.emulator,
        'POST',
        `/apps/${app.appId}/secrets/${app.secretKeyId}/expire`,
      );
      expect(expired.status).toBe(200);
      await periodicCheck();
      const { id } = await only();
      await expectConnectionReason('credential_expired', id);
    });

    it('deletes the connection', deleteOnly);
  });
});
