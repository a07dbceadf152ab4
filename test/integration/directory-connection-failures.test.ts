// Connection-level reasons (DESIGN §3): consent revoked at Microsoft, a disabled connection and an
// expired client secret mark every member of the connection at once, and recover when fixed. The
// org-managed calendar shadows a personal connection to the same mailbox only while it is usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, PersonalCalendarConnection } from '../../server/domain/types.js';
import { control, grantConsent } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  byEmail,
  connectTenant,
  listAll,
  runtimeOf,
  syncThroughApi,
} from '../directory/support.js';

const OWNER = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
/** Quorum's local app secret in the emulator (emulator/emulator.ts). */
const QUORUM_SECRET_KEY_ID = 'b0c1d2e3-f4a5-4b6c-9d8e-7f6a5b4c3d2e';

let quorum: TestQuorum;
let orgId: string;
let connectionId: string;

interface SyncJob {
  state: string;
  result: { connections: { failure?: { reason: string }; directoryError?: string }[] };
}

async function sync(): Promise<SyncJob> {
  return (await syncThroughApi(quorum, OWNER)) as unknown as SyncJob;
}

async function reasons(): Promise<Map<string, string>> {
  const all = byEmail(await listAll(quorum, OWNER));
  return new Map([...all].map(([email, m]) => [email, m.reason]));
}

function personal(member: Member): PersonalCalendarConnection {
  return {
    id: 'personal-1',
    tenantId: member.tenantId!,
    objectId: member.objectId!,
    email: member.email,
    displayName: member.displayName,
    status: 'connected',
    connectedAt: new Date().toISOString(),
    checkedAt: null,
    shadowedByOrg: false,
  };
}

async function adele(): Promise<Member> {
  return (await quorum.services.members.findByEmail(orgId, 'adele.vance@contoso.com'))!;
}

beforeAll(async () => {
  quorum = await startQuorum();
  const { org, connection } = await connectTenant(quorum, 'contoso.com');
  orgId = org.id;
  connectionId = connection.id;
  await quorum.api(OWNER, 'GET', '/api/org/status');
  await sync();
  // Adele also connected her own mailbox by hand before the org connected it.
  const member = await adele();
  await quorum.services.members.put({ ...member, personalCalendars: [personal(member)] });
  await sync();
});
afterAll(async () => {
  await quorum.close();
});

describe('the org-managed calendar and a personal connection to the same mailbox', () => {
  it('shadows the personal connection while the org connection reaches the mailbox', async () => {
    expect((await adele()).personalCalendars[0]?.shadowedByOrg).toBe(true);
  });
});

describe('consent revoked at Microsoft', () => {
  it('marks every member consent_missing while the cached token still works', async () => {
    const revoked = await control(
      quorum.emulator,
      'DELETE',
      `/tenants/contoso.com/consent/${quorum.emulator.quorumApp.clientId}`,
    );
    expect(revoked.status).toBe(204);
    const job = await sync();
    expect(job.result.connections[0]?.directoryError).toBe('403 Authorization_RequestDenied');
    const all = await reasons();
    for (const email of [
      'adele.vance@contoso.com',
      'megan.bowen@contoso.com',
      'nestor.wilke@contoso.com',
    ]) {
      expect(all.get(email), email).toBe('consent_missing');
    }
    // Directory facts still decide for disabled accounts and guests.
    expect(all.get('diego.siciliani@contoso.com')).toBe('account_disabled');
  });

  it('recovers once consent is granted again', async () => {
    await grantConsent(quorum.emulator, 'contoso.com');
    await sync();
    const all = await reasons();
    expect(all.get('adele.vance@contoso.com')).toBe('connected');
    expect(all.get('nestor.wilke@contoso.com')).toBe('no_mailbox');
  });
});

describe('a disabled connection', () => {
  it('shows connection_disabled, keeps calendar choices and un-shadows personal connections', async () => {
    const before = await adele();
    await quorum.services.members.put({
      ...before,
      calendar: {
        ...before.calendar,
        selectedCalendarIds: ['cal-2'],
        destinationCalendarId: 'cal-2',
      },
    });
    await quorum.services.orgs.updateConnection(orgId, connectionId, (c) => ({
      ...c,
      enabled: false,
    }));
    const marked = await runtimeOf(quorum).connectionDisabled(orgId, connectionId);
    expect(marked).toBeGreaterThan(30);
    const after = await adele();
    expect(after.calendar).toMatchObject({
      reason: 'connection_disabled',
      status: 'not_connected',
      selectedCalendarIds: ['cal-2'],
      destinationCalendarId: 'cal-2',
    });
    expect(after.personalCalendars[0]?.shadowedByOrg).toBe(false);
    // A sync while disabled sends nothing to Graph for it and keeps the reason.
    await sync();
    expect((await reasons()).get('adele.vance@contoso.com')).toBe('connection_disabled');
  });

  it('reconnects every member when enabled again', async () => {
    await quorum.services.orgs.updateConnection(orgId, connectionId, (c) => ({
      ...c,
      enabled: true,
    }));
    await sync();
    expect((await reasons()).get('adele.vance@contoso.com')).toBe('connected');
    expect((await adele()).personalCalendars[0]?.shadowedByOrg).toBe(true);
  });
});

describe('an expired client secret', () => {
  it('marks every member credential_expired without probing them', async () => {
    await control(
      quorum.emulator,
      'POST',
      `/apps/${quorum.emulator.quorumApp.clientId}/secrets/${QUORUM_SECRET_KEY_ID}/expire`,
    );
    // Drop msal's cached token so the next Graph call needs a new one (as after an hour).
    quorum.services.identity.forgetClient(quorum.config.clientId);
    await control(quorum.emulator, 'DELETE', '/stats');
    const job = await sync();
    expect(job.result.connections[0]?.failure?.reason).toBe('credential_expired');
    const all = await reasons();
    expect(all.get('adele.vance@contoso.com')).toBe('credential_expired');
    expect(all.get('nestor.wilke@contoso.com')).toBe('credential_expired');
    const stats = await control<{ requests: number }>(quorum.emulator, 'GET', '/stats');
    expect(stats.body.requests).toBe(0);
  });
});
