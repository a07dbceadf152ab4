// GET /api/me and the member's switch on the org-managed calendar, against the real server and the
// emulated Contoso and Fabrikam tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../server/domain/reasons.js';
import { TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

interface Me {
  user: { tenantId: string; name: string | null; memberId: string | null; role: string | null };
  org: { id: string; name: string; settings: { allowMemberDisconnect: boolean } } | null;
  calendar: {
    managed: boolean;
    status: string;
    reason: string;
    summary: string;
    fix: string | null;
    timeZone: string | null;
    checkedAt: string | null;
    disconnected: boolean;
    canDisconnect: boolean;
    selectedCalendarIds: string[];
  } | null;
  personalCalendars: unknown[];
  onboarding: { canGrantConsent: boolean; nextStep: string; message: string } | null;
}

const megan = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' }; // Global Administrator
const adele = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const kim = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' }; // Fabrikam's Global Administrator
const pat = { tenant: 'fabrikam.com', upn: 'pat.kowalski@fabrikam.com' };

let quorum: TestQuorum;
let contoso: TestOrg;

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
});
afterAll(async () => {
  await quorum.close();
});

// First, before any Fabrikam administrator signs in: Fabrikam has not consented, so no org holds it.
describe('a tenant Quorum does not reach yet', () => {
  it('answers a member of a tenant no org holds with org null and whom to ask', async () => {
    const { status, body } = await quorum.api<Me>(pat, 'GET', '/api/me');
    expect(status).toBe(200);
    expect(body).toEqual({
      user: {
        tenantId: TENANTS.fabrikam.id,
        objectId: expect.any(String),
        name: 'Pat Kowalski',
        username: 'pat.kowalski@fabrikam.com',
        memberId: null,
        role: null,
      },
      org: null,
      calendar: null,
      personalCalendars: [],
      onboarding: {
        canGrantConsent: false,
        nextStep: 'ask_tenant_admin',
        message: expect.stringMatching(/Ask a Global Administrator/),
      },
    });
  });

  it('refuses self-service to a caller whose tenant no org holds with ERR_ORG_NOT_SET_UP', async () => {
    const { status, body } = await quorum.api<{ code: string }>(
      pat,
      'POST',
      '/api/me/calendar/disconnect',
    );
    expect(status).toBe(403);
    expect(body.code).toBe('ERR_ORG_NOT_SET_UP');
  });

  it('tells a tenant administrator to grant consent while no connection reaches the tenant', async () => {
    const { status, body } = await quorum.api<Me>(kim, 'GET', '/api/me');
    expect(status).toBe(200);
    // With tenant discovery (DESIGN J1.2) the administrator also gets an org to connect from; either
    // way Quorum does not reach Fabrikam's calendars yet.
    expect(body.calendar?.managed ?? false).toBe(false);
    expect(body.onboarding).toEqual({
      canGrantConsent: true,
      nextStep: 'grant_admin_consent',
      message: expect.stringMatching(/admin consent/),
    });
  });
});

describe('GET /api/me', () => {
  it('shows a tenant admin as owner of the org, with the calendar status, summary and fix', async () => {
    const { status, body } = await quorum.api<Me>(megan, 'GET', '/api/me');
    expect(status).toBe(200);
    expect(body.user).toMatchObject({
      tenantId: TENANTS.contoso.id,
      name: 'Megan Bowen',
      role: 'owner',
    });
    expect(body.org).toEqual({
      id: contoso.org.id,
      name: 'Contoso',
      settings: { allowMemberDisconnect: false },
    });
    expect(body.calendar).toMatchObject({
      managed: true,
      status: 'checking',
      reason: 'checking',
      summary: REASONS.checking.summary,
      fix: null,
      disconnected: false,
      canDisconnect: false,
    });
    expect(body.onboarding).toBeNull();
  });

  it('shows a member the reason and fix the last health check recorded', async () => {
    const memberId = await signIn(quorum, adele.tenant, adele.upn);
    await quorum.services.members.update(contoso.org.id, memberId, (m) => ({
      ...m,
      calendar: {
        ...m.calendar,
        status: 'needs_attention',
        reason: 'no_mailbox',
        checkedAt: '2026-01-05T10:00:00.000Z',
        timeZone: 'America/Los_Angeles',
      },
    }));
    const { body } = await quorum.api<Me>(adele, 'GET', '/api/me');
    expect(body.user.role).toBe('member');
    expect(body.calendar).toMatchObject({
      status: 'needs_attention',
      reason: 'no_mailbox',
      summary: REASONS.no_mailbox.summary,
      fix: REASONS.no_mailbox.fix,
      timeZone: 'America/Los_Angeles',
      checkedAt: '2026-01-05T10:00:00.000Z',
    });
    expect(body.personalCalendars).toEqual([]);
  });

  it('refuses a caller without a token', async () => {
    const { status, body } = await quorum.api<{ code: string }>(null, 'GET', '/api/me');
    expect(status).toBe(401);
    expect(body.code).toBe('ERR_AUTH_TOKEN_MISSING');
  });
});

describe('POST /api/me/calendar/disconnect and /reconnect', () => {
  it('refuses to disconnect with ERR_DISCONNECT_NOT_ALLOWED while the org does not allow it', async () => {
    const { status, body } = await quorum.api<{ code: string }>(
      adele,
      'POST',
      '/api/me/calendar/disconnect',
    );
    expect(status).toBe(403);
    expect(body.code).toBe('ERR_DISCONNECT_NOT_ALLOWED');
    const me = await quorum.api<Me>(adele, 'GET', '/api/me');
    expect(me.body.calendar?.disconnected).toBe(false);
  });

  it('disconnects when allowed, keeps the selections, and reconnects; both audited', async () => {
    const memberId = await signIn(quorum, adele.tenant, adele.upn);
    await quorum.services.members.update(contoso.org.id, memberId, (m) => ({
      ...m,
      calendar: {
        ...m.calendar,
        selectedCalendarIds: ['cal-1'],
        destinationCalendarId: 'scheduler',
      },
    }));
    await quorum.services.orgs.updateSettings(contoso.org.id, { allowMemberDisconnect: true });

    const before = await quorum.api<Me>(adele, 'GET', '/api/me');
    expect(before.body.org?.settings.allowMemberDisconnect).toBe(true);
    expect(before.body.calendar?.canDisconnect).toBe(true);

    const off = await quorum.api<Me['calendar']>(adele, 'POST', '/api/me/calendar/disconnect');
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({
      disconnected: true,
      canDisconnect: false,
      selectedCalendarIds: ['cal-1'],
      destinationCalendarId: 'scheduler',
    });
    const again = await quorum.api(adele, 'POST', '/api/me/calendar/disconnect');
    expect(again.status).toBe(200);

    const on = await quorum.api<Me['calendar']>(adele, 'POST', '/api/me/calendar/reconnect');
    expect(on.body).toMatchObject({ disconnected: false, selectedCalendarIds: ['cal-1'] });

    const { entries } = await quorum.services.store.listAudit(contoso.org.id, { limit: 10 });
    const mine = entries.filter((e) => e.target === `member:${memberId}`).map((e) => e.action);
    // Newest first; the repeated disconnect changed nothing and wrote nothing.
    expect(mine).toEqual(['member.calendar.reconnected', 'member.calendar.disconnected']);
    await quorum.services.orgs.updateSettings(contoso.org.id, { allowMemberDisconnect: false });
  });

  it('lets a member reconnect even after the admin turned disconnecting off', async () => {
    const memberId = await signIn(quorum, adele.tenant, adele.upn);
    await quorum.services.members.update(contoso.org.id, memberId, (m) => ({
      ...m,
      calendar: { ...m.calendar, disconnected: true },
    }));
    const { status, body } = await quorum.api<Me['calendar']>(
      adele,
      'POST',
      '/api/me/calendar/reconnect',
    );
    expect(status).toBe(200);
    expect(body?.disconnected).toBe(false);
  });

  it('refuses a body with ERR_VALIDATION', async () => {
    const { status, body } = await quorum.api<{ code: string }>(
      adele,
      'POST',
      '/api/me/calendar/reconnect',
      { disconnected: false },
    );
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_VALIDATION');
  });
});
