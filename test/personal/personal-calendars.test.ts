// Personal calendar connections end to end: Quorum's connect link, the emulated Entra ID user picker
// (authorization code + PKCE), Quorum's redirect page, the record and its encrypted refresh token,
// rotation, re-authentication, shadowing by the org-managed calendar, and removal.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonalCalendarConnection } from '../../server/domain/types.js';
import { refreshTokenSecretName } from '../../server/personal/personal-tokens.js';
import { grantConsent, postToken, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, signIn, type TestOrg } from '../integration/self-service-fixtures.js';

interface Me {
  personalCalendars: (Omit<PersonalCalendarConnection, 'objectId'> & { objectId?: string })[];
}

const adele = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };

let quorum: TestQuorum;
let contoso: TestOrg;
let adeleId: string;

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
  // Entra creates Quorum's service principal when a Fabrikam user consents to delegated scopes; the
  // emulator only creates it on admin consent, so grant it here (no Fabrikam user signs in to Quorum).
  await grantConsent(quorum.emulator, 'fabrikam.com');
  adeleId = await signIn(quorum, adele.tenant, adele.upn);
});
afterAll(async () => {
  await quorum.close();
});

function decode(html: string): string {
  return html
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Starts a connection as `as`, picks `account` on the emulated sign-in page, returns Entra's redirect. */
async function signInAtEntra(
  account: string,
  decision: 'signin' | 'cancel' = 'signin',
  as = adele,
): Promise<URL> {
  const start = await quorum.api<{ url: string; expiresAt: string }>(
    as,
    'POST',
    '/api/me/personal-calendars/connect',
  );
  expect(start.status).toBe(200);
  const picker = await quorum.emulator.fetch(start.body.url);
  const html = await picker.text();
  expect(picker.status).toBe(200);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1]!, decode(m[2]!));
  }
  // The picker's option value (`{tenant}/{user}`): an address alone may also match a guest elsewhere.
  const [upn, domain] = account.split('@') as [string, string];
  const tenant = quorum.emulator.world.findTenant(domain)!;
  form.set(
    'login_user',
    `${tenant.id}/${quorum.emulator.world.findUser(tenant, `${upn}@${domain}`)!.id}`,
  );
  form.set('decision', decision);
  const action = new URL(
    decode(/<form method="post" action="([^"]+)"/.exec(html)![1]!),
    start.body.url,
  );
  const answer = await quorum.emulator.fetch(action.toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!);
}

/** Delivers Entra's redirect to Quorum (registered as `publicUrl`, served here on `quorum.url`). */
async function land(redirect: URL): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${quorum.url}${redirect.pathname}${redirect.search}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function personalOf(memberId = adeleId): Promise<PersonalCalendarConnection[]> {
  return (await quorum.services.members.get(contoso.org.id, memberId))!.personalCalendars;
}

async function allDataFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

describe('POST /api/me/personal-calendars/connect', () => {
  it('answers an authorization-code URL with PKCE S256 and a state, for the registered redirect', async () => {
    const { status, body, headers } = await quorum.api<{ url: string; expiresAt: string }>(
      adele,
      'POST',
      '/api/me/personal-calendars/connect',
    );
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const url = new URL(body.url);
    expect(`${url.origin}${url.pathname}`).toBe(
      `${quorum.emulator.loginUrl}/organizations/oauth2/v2.0/authorize`,
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: quorum.config.clientId,
      response_type: 'code',
      redirect_uri: `${quorum.config.publicUrl}/auth/personal/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(url.searchParams.get('scope')).toContain('Calendars.ReadWrite');
    expect(url.searchParams.get('scope')).toContain('offline_access');
    expect(url.searchParams.has('code_verifier')).toBe(false);
    const lifetime = Date.parse(body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
  });
});

describe('connecting a personal calendar of another tenant', () => {
  let redirect: URL;

  it('connects a Fabrikam account and says so on the redirect page', async () => {
    redirect = await signInAtEntra('pat.kowalski@fabrikam.com');
    expect(`${redirect.origin}${redirect.pathname}`).toBe(
      `${quorum.config.publicUrl}/auth/personal/callback`,
    );
    const page = await land(redirect);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // Teams' authentication window opened it from another origin: the page must keep its opener.
    expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(page.html).toContain('Calendar connected');
    expect(page.html).toContain('pat.kowalski@fabrikam.com');

    const [connection] = await personalOf();
    expect(connection).toMatchObject({
      tenantId: TENANTS.fabrikam.id,
      email: 'pat.kowalski@fabrikam.com',
      displayName: 'Pat Kowalski',
      status: 'connected',
      shadowedByOrg: false,
    });
    const me = await quorum.api<Me>(adele, 'GET', '/api/me');
    expect(me.body.personalCalendars).toEqual([
      expect.objectContaining({ id: connection!.id, email: 'pat.kowalski@fabrikam.com' }),
    ]);
  });

  it('keeps the refresh token only encrypted: not in the data dir, a response or a log line', async () => {
    const [connection] = await personalOf();
    const refreshToken = await quorum.services.store.readSecret(
      contoso.org.id,
      refreshTokenSecretName(connection!.id),
    );
    expect(refreshToken).toMatch(/^1\./);
    await quorum.services.store.flush();
    for (const text of await allDataFiles(quorum.config.dataDir)) {
      expect(text).not.toContain(refreshToken);
    }
    const me = await quorum.api(adele, 'GET', '/api/me');
    expect(JSON.stringify(me.body)).not.toContain(refreshToken);
    expect(quorum.logs()).not.toContain(refreshToken);
    expect(quorum.logs()).not.toContain(redirect.searchParams.get('code'));
  });

  it('refuses the same redirect a second time (single-use state)', async () => {
    const page = await land(redirect);
    expect(page.status).toBe(400);
    expect(page.html).toContain('state_used');
    expect(await personalOf()).toHaveLength(1);
  });

  it('refuses a forged state', async () => {
    const fresh = await signInAtEntra('dana.birkby@fabrikam.com');
    const state = fresh.searchParams.get('state')!;
    const [body] = state.split('.');
    const forged = new URL(fresh);
    forged.searchParams.set('state', `${body}.${'A'.repeat(43)}`);
    const page = await land(forged);
    expect(page.status).toBe(400);
    expect(page.html).toContain('state_invalid');
    const missing = new URL(fresh);
    missing.searchParams.delete('state');
    expect((await land(missing)).status).toBe(400);
    expect(await personalOf()).toHaveLength(1);
  });

  it('connects nothing when the user cancels at Microsoft', async () => {
    const cancelled = await signInAtEntra('dana.birkby@fabrikam.com', 'cancel');
    expect(cancelled.searchParams.get('error')).toBe('access_denied');
    const page = await land(cancelled);
    expect(page.status).toBe(400);
    expect(page.html).toContain('denied');
    expect(await personalOf()).toHaveLength(1);
  });

  it('connects nothing for an account whose calendar cannot be read', async () => {
    const page = await land(await signInAtEntra('nestor.wilke@contoso.com'));
    expect(page.status).toBe(502);
    expect(page.html).toContain('calendar_unreadable');
    expect(page.html).toContain('MailboxNotEnabledForRESTAPI');
    expect(await personalOf()).toHaveLength(1);
  });

  it('updates the same record when the same account is connected again', async () => {
    const [before] = await personalOf();
    const page = await land(await signInAtEntra('pat.kowalski@fabrikam.com'));
    expect(page.status).toBe(200);
    const after = await personalOf();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.connectedAt).toBe(before!.connectedAt);
  });
});

describe('refresh tokens', () => {
  it('stores the rotated refresh token on every refresh', async () => {
    const [connection] = await personalOf();
    const name = refreshTokenSecretName(connection!.id);
    const tokens = quorum.services.personalCalendars.tokens;
    const first = await quorum.services.store.readSecret(contoso.org.id, name);

    const access = await tokens.accessToken(contoso.org.id, adeleId, connection!.id, {
      fresh: true,
    });
    expect(access.split('.')).toHaveLength(3);
    const second = await quorum.services.store.readSecret(contoso.org.id, name);
    expect(second).not.toBe(first);

    // The emulator voids a redeemed refresh token, so the next refresh works only with the new one.
    await tokens.accessToken(contoso.org.id, adeleId, connection!.id, { fresh: true });
    expect(await quorum.services.store.readSecret(contoso.org.id, name)).not.toBe(second);
  });

  it('calls the Fabrikam calendar as the account through graphFor()', async () => {
    const [connection] = await personalOf();
    const graph = quorum.services.personalCalendars.graphFor(
      contoso.org.id,
      adeleId,
      connection!.id,
    );
    const calendar = await graph.get<{ owner: { address: string } }>(
      TENANTS.fabrikam.id,
      '/me/calendar',
      { query: { $select: 'owner' } },
    );
    expect(calendar.owner.address).toBe('pat.kowalski@fabrikam.com');
  });

  it('marks the connection reauth_required when Entra refuses the refresh token', async () => {
    const [connection] = await personalOf();
    const name = refreshTokenSecretName(connection!.id);
    const stored = (await quorum.services.store.readSecret(contoso.org.id, name))!;
    // Someone else redeems it first: the emulator rotates strictly, so Quorum's copy is void.
    const stolen = await postToken(quorum.emulator, 'fabrikam.com', {
      grant_type: 'refresh_token',
      client_id: quorum.config.clientId,
      client_secret: quorum.emulator.quorumApp.clientSecret,
      refresh_token: stored,
    });
    expect(stolen.status).toBe(200);
    await expect(
      quorum.services.personalCalendars.tokens.accessToken(
        contoso.org.id,
        adeleId,
        connection!.id,
        {
          fresh: true,
        },
      ),
    ).rejects.toMatchObject({ name: 'PersonalTokenError', problem: 'reauth_required' });
    const me = await quorum.api<Me>(adele, 'GET', '/api/me');
    expect(me.body.personalCalendars[0]?.status).toBe('reauth_required');

    // Connecting again repairs it.
    expect((await land(await signInAtEntra('pat.kowalski@fabrikam.com'))).status).toBe(200);
    expect((await personalOf())[0]?.status).toBe('connected');
  });
});

describe('the org-managed calendar wins over a personal connection to the same mailbox', () => {
  it('keeps a personal connection to the org-managed mailbox, marked shadowedByOrg', async () => {
    // As the health sweep leaves a member whose mailbox Quorum reads through the tenant connection.
    await quorum.services.members.update(contoso.org.id, adeleId, (m) => ({
      ...m,
      calendar: {
        ...m.calendar,
        tenantConnectionId: contoso.connection.id,
        status: 'connected',
        reason: 'connected',
      },
    }));
    const page = await land(await signInAtEntra('adele.vance@contoso.com'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('already manages this calendar');
    const own = (await personalOf()).find((p) => p.tenantId === TENANTS.contoso.id);
    expect(own).toMatchObject({ email: 'adele.vance@contoso.com', shadowedByOrg: true });

    const me = await quorum.api<Me>(adele, 'GET', '/api/me');
    const byEmail = Object.fromEntries(
      me.body.personalCalendars.map((p) => [p.email, p.shadowedByOrg]),
    );
    expect(byEmail).toEqual({
      'pat.kowalski@fabrikam.com': false,
      'adele.vance@contoso.com': true,
    });
  });

  it('uses the personal connection again when the member disconnects the org-managed calendar', async () => {
    await quorum.services.orgs.updateSettings(contoso.org.id, { allowMemberDisconnect: true });
    try {
      expect((await quorum.api(adele, 'POST', '/api/me/calendar/disconnect')).status).toBe(200);
      const stored = (await personalOf()).find((p) => p.email === 'adele.vance@contoso.com');
      expect(stored?.shadowedByOrg).toBe(false);
      expect((await quorum.api(adele, 'POST', '/api/me/calendar/reconnect')).status).toBe(200);
      const again = (await personalOf()).find((p) => p.email === 'adele.vance@contoso.com');
      expect(again?.shadowedByOrg).toBe(true);
    } finally {
      await quorum.services.orgs.updateSettings(contoso.org.id, { allowMemberDisconnect: false });
    }
  });

  it('shows the personal connection in use while the org-managed calendar does not work', async () => {
    // As disabling the tenant connection leaves its members.
    await quorum.services.members.update(contoso.org.id, adeleId, (m) => ({
      ...m,
      calendar: { ...m.calendar, status: 'not_connected', reason: 'connection_disabled' },
    }));
    const me = await quorum.api<Me>(adele, 'GET', '/api/me');
    expect(me.body.personalCalendars.every((p) => !p.shadowedByOrg)).toBe(true);
  });
});

describe('DELETE /api/me/personal-calendars/:id', () => {
  it('removes the record and its refresh token; a second delete is ERR_NOT_FOUND', async () => {
    const [connection] = await personalOf();
    const name = refreshTokenSecretName(connection!.id);
    const res = await quorum.api(adele, 'DELETE', `/api/me/personal-calendars/${connection!.id}`);
    expect(res.status).toBe(204);
    expect((await personalOf()).map((p) => p.id)).not.toContain(connection!.id);
    expect(await quorum.services.store.readSecret(contoso.org.id, name)).toBeUndefined();
    const again = await quorum.api<{ code: string }>(
      adele,
      'DELETE',
      `/api/me/personal-calendars/${connection!.id}`,
    );
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('ERR_NOT_FOUND');
  });

  it("refuses another member's personal calendar with ERR_NOT_FOUND", async () => {
    const [own] = await personalOf();
    const lee = { tenant: 'contoso.com', upn: 'lee.gu@contoso.com' };
    await signIn(quorum, lee.tenant, lee.upn);
    const res = await quorum.api<{ code: string }>(
      lee,
      'DELETE',
      `/api/me/personal-calendars/${own!.id}`,
    );
    expect(res.status).toBe(404);
    expect(await personalOf()).toHaveLength(1);
  });

  it('stops a member at 10 personal calendars with ERR_PERSONAL_CALENDAR_LIMIT', async () => {
    const [own] = await personalOf();
    await quorum.services.members.update(contoso.org.id, adeleId, (m) => ({
      ...m,
      personalCalendars: Array.from({ length: 10 }, (_, i) => ({ ...own!, id: `extra-${i}` })),
    }));
    const res = await quorum.api<{ code: string }>(
      adele,
      'POST',
      '/api/me/personal-calendars/connect',
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ERR_PERSONAL_CALENDAR_LIMIT');
  });
});
