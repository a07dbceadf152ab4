// Tenants never see each other's data (DESIGN §9): Fabrikam's admin, with a valid token and an org of
// their own, gets nothing of Contoso through any of the self-service and admin routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

const megan = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const kim = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };

let quorum: TestQuorum;
let contoso: TestOrg;
let fabrikam: TestOrg;
let meganId: string;
let contosoPersonalId: string;

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso', { alertWebhookUrl: null });
  fabrikam = await createConnectedOrg(quorum, 'fabrikam');
  meganId = await signIn(quorum, megan.tenant, megan.upn);
  await signIn(quorum, kim.tenant, kim.upn);
  await quorum.api(megan, 'PATCH', '/api/org/settings', { serviceMailbox: 'events@contoso.com' });
  contosoPersonalId = 'b0a1c2d3-0000-4000-8000-000000000001';
  await quorum.services.members.update(contoso.org.id, meganId, (m) => ({
    ...m,
    personalCalendars: [
      {
        id: contosoPersonalId,
        tenantId: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a',
        objectId: '00000000-0000-4000-8000-0000000000aa',
        email: 'megan@fabrikam.com',
        displayName: 'Megan (Fabrikam)',
        status: 'connected',
        connectedAt: '2026-01-01T00:00:00.000Z',
        checkedAt: null,
        shadowedByOrg: false,
      },
    ],
  }));
});
afterAll(async () => {
  await quorum.close();
});

describe("a token of tenant B on tenant A's data", () => {
  it("shows Fabrikam's admin their own org, never Contoso's", async () => {
    const me = await quorum.api<{ org: { id: string } }>(kim, 'GET', '/api/me');
    expect(me.body.org.id).toBe(fabrikam.org.id);
    const settings = await quorum.api<{ serviceMailbox: string | null }>(
      kim,
      'GET',
      '/api/org/settings',
    );
    expect(settings.body.serviceMailbox).toBeNull();
  });

  it("changes only Fabrikam's settings", async () => {
    const res = await quorum.api(kim, 'PATCH', '/api/org/settings', {
      allowMemberDisconnect: true,
    });
    expect(res.status).toBe(200);
    expect((await quorum.services.orgs.get(contoso.org.id))?.settings.allowMemberDisconnect).toBe(
      false,
    );
  });

  it("lists only Fabrikam's audit entries and admins", async () => {
    const audit = await quorum.api<{ entries: { target: string; actor: string }[] }>(
      kim,
      'GET',
      '/api/org/audit?limit=200',
    );
    expect(audit.body.entries.length).toBeGreaterThan(0);
    for (const entry of audit.body.entries) {
      expect(JSON.stringify(entry)).not.toContain(contoso.org.id);
      expect(entry.actor).not.toBe(`member:${meganId}`);
    }
    const admins = await quorum.api<{ admins: { id: string }[] }>(kim, 'GET', '/api/org/admins');
    expect(admins.body.admins.map((a) => a.id)).not.toContain(meganId);
  });

  it('cannot change the role of a Contoso member: ERR_NOT_FOUND, nothing written', async () => {
    const { status, body } = await quorum.api<{ code: string }>(
      kim,
      'PUT',
      `/api/org/members/${meganId}/role`,
      { role: 'member' },
    );
    expect(status).toBe(404);
    expect(body.code).toBe('ERR_NOT_FOUND');
    expect((await quorum.services.members.get(contoso.org.id, meganId))?.role).toBe('owner');
  });

  it("cannot remove a Contoso member's personal calendar: ERR_NOT_FOUND, nothing removed", async () => {
    const { status, body } = await quorum.api<{ code: string }>(
      kim,
      'DELETE',
      `/api/me/personal-calendars/${contosoPersonalId}`,
    );
    expect(status).toBe(404);
    expect(body.code).toBe('ERR_NOT_FOUND');
    const megan = await quorum.services.members.get(contoso.org.id, meganId);
    expect(megan?.personalCalendars.map((p) => p.id)).toEqual([contosoPersonalId]);
  });
});
