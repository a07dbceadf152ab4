// Re-checking one member asks Entra for a fresh token (issue 4): Graph authorizes an app by the
// `roles` of the token it sends, so a permission an admin removed or granted a moment ago only
// shows in a new token — msal's cached one would keep answering with the old permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, grantConsent } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { byEmail, listAll, runtimeOf, type ListedMember } from '../directory/support.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = 'adele.vance@contoso.com';

let quorum: TestQuorum;
let fullRoles: string[];

async function consentWith(roles: string[]): Promise<void> {
  const { status } = await control(quorum.emulator, 'POST', '/tenants/contoso.com/consent', {
    appId: quorum.config.clientId,
    roles,
  });
  expect(status).toBe(201);
}

async function recheckAdele(): Promise<ListedMember> {
  const adele = byEmail(await listAll(quorum, MEGAN)).get(ADELE);
  expect(adele).toBeDefined();
  const { status, body } = await quorum.api<ListedMember>(
    MEGAN,
    'POST',
    `/api/org/members/${adele!.id}/recheck`,
  );
  expect(status).toBe(200);
  return body;
}

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
  await grantConsent(quorum.emulator, 'contoso.com');
  const list = await quorum.api<{ connections: { grantedRoles: string[] }[] }>(
    MEGAN,
    'GET',
    '/api/org/connections',
  );
  fullRoles = list.body.connections[0]!.grantedRoles;
  await quorum.services.connections.idle();
  await runtimeOf(quorum).jobs.idle();
});
afterAll(async () => {
  await runtimeOf(quorum).jobs.idle();
  await quorum?.close();
});

describe('POST /api/org/members/:id/recheck', () => {
  it('starts from a connected member, read with the token msal caches', async () => {
    expect(fullRoles).toEqual(
      expect.arrayContaining(['Calendars.ReadWrite', 'MailboxSettings.Read']),
    );
    expect(byEmail(await listAll(quorum, MEGAN)).get(ADELE)?.reason).toBe('connected');
  });

  it('sees the mailbox permissions removed a moment ago at once', async () => {
    // Directory roles stay: only the two probes (settings, calendar) are refused, both with 403.
    await consentWith(fullRoles.filter((r) => !/^(Calendars|MailboxSettings)\./.test(r)));
    const adele = await recheckAdele();
    expect(adele).toMatchObject({ status: 'not_connected', reason: 'consent_missing' });
  });

  it('sees it granted again at once, and the member turns connected', async () => {
    // The re-check left its fresh token in msal's cache: other Graph calls now send it too.
    const contoso = quorum.emulator.tenantId('contoso.com');
    await expect(
      quorum.services.graph.get(contoso, `/users/${ADELE}/mailboxSettings`),
    ).rejects.toMatchObject({ status: 403 });
    await consentWith(fullRoles);
    const adele = await recheckAdele();
    expect(adele).toMatchObject({ status: 'connected', reason: 'connected', fix: null });
  });
});
