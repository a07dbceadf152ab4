// Bullet 1: every Graph route requires a valid Graph token; permissions, consent and tenants are
// enforced with Microsoft's exact codes, and every answer carries request ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, TENANTS, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());

const envelope = (code: string, message: string) => ({
  error: {
    code,
    message,
    innerError: {
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      'request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'client-request-id': expect.any(String),
    },
  },
});

describe('Graph authentication', () => {
  it('answers 401 InvalidAuthenticationToken without a token, with request ids and WWW-Authenticate', async () => {
    const res = await bed.call('GET', '/v1.0/users', {
      token: null,
      headers: { 'client-request-id': 'abc-123' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(envelope('InvalidAuthenticationToken', 'Access token is empty.'));
    expect(res.body.error.innerError['client-request-id']).toBe('abc-123');
    expect(res.headers.get('client-request-id')).toBe('abc-123');
    expect(res.headers.get('request-id')).toBe(res.body.error.innerError['request-id']);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it.each([
    ['an expired token', { exp: 0 }, 'Access token has expired or is not yet valid.'],
    [
      'a token for another audience',
      { aud: 'api://something-else' },
      'Access token validation failure. Invalid audience.',
    ],
    [
      'a token from an unknown tenant',
      { tid: '00000000-0000-0000-0000-000000000001' },
      'Access token validation failure.',
    ],
  ])('rejects %s', async (_, claims, message) => {
    const res = await bed.call('GET', '/v1.0/users', { token: await bed.mint(claims) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(envelope('InvalidAuthenticationToken', message));
  });

  it('rejects a token whose signature does not verify', async () => {
    const good = await bed.mint();
    const [h, p] = good.split('.');
    const res = await bed.call('GET', '/v1.0/users', { token: `${h}.${p}.${'A'.repeat(342)}` });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('rejects a token that is not a JWT', async () => {
    const res = await bed.call('GET', '/v1.0/users', { token: 'not-a-jwt' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('CompactToken parsing failed with error code: 80049217');
  });

  it('puts request-id and client-request-id on successful answers too', async () => {
    const res = await bed.call('GET', '/v1.0/organization');
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('client-request-id')).toBeTruthy();
  });
});

describe('Graph permissions', () => {
  it('denies directory routes without a directory role with Authorization_RequestDenied', async () => {
    const res = await bed.call('GET', '/v1.0/users', {
      token: await bed.mint({ roles: ['Calendars.Read'] }),
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(
      envelope('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    );
  });

  it('denies Outlook routes without a calendar role with ErrorAccessDenied', async () => {
    const token = await bed.mint({ roles: ['User.Read.All'] });
    const res = await bed.call('GET', '/v1.0/users/adele.vance@contoso.com/calendar', { token });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(
      envelope('ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
    );
  });

  it('treats a token without roles (no permission granted) as denied everywhere', async () => {
    const token = await bed.mint({ roles: undefined });
    expect((await bed.call('GET', '/v1.0/users', { token })).status).toBe(403);
    expect(
      (await bed.call('GET', '/v1.0/users/adele.vance@contoso.com/mailboxSettings', { token }))
        .status,
    ).toBe(403);
  });

  it('answers 403 on every route once consent is revoked, even with an unexpired token', async () => {
    const token = await bed.mint({}, TENANTS.fabrikam.id);
    expect((await bed.call('GET', '/v1.0/users', { token })).status).toBe(200);
    const revoked = await bed.control(
      'DELETE',
      `/tenants/${TENANTS.fabrikam.id}/consent/${bed.emu.quorumApp.clientId}`,
    );
    expect(revoked.status).toBeLessThan(300);
    const users = await bed.call('GET', '/v1.0/users', { token });
    expect(users.status).toBe(403);
    expect(users.body.error.code).toBe('Authorization_RequestDenied');
    const cal = await bed.call('GET', '/v1.0/users/kim.akers@fabrikam.com/calendar', { token });
    expect(cal.status).toBe(403);
    expect(cal.body.error.code).toBe('ErrorAccessDenied');
  });

  it('refuses /me for app-only tokens', async () => {
    const res = await bed.call('GET', '/v1.0/me');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      '/me request is only valid with delegated authentication flow.',
    );
  });

  it('lets a delegated User.Read token read its own profile through /me, and nobody else', async () => {
    const megan = bed.emu.world
      .findTenant('contoso.com')
      ?.users.find((u) => u.userPrincipalName.startsWith('megan.'));
    const token = await bed.mint({
      scp: 'User.Read',
      oid: megan?.id,
      idtyp: 'user',
      roles: undefined,
    });
    const me = await bed.call('GET', '/v1.0/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(megan?.id);
    const other = await bed.call('GET', '/v1.0/users/adele.vance@contoso.com', { token });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('Authorization_RequestDenied');
    const list = await bed.call('GET', '/v1.0/users', { token });
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('Authorization_RequestDenied');
  });
});

describe('tenant isolation', () => {
  it("never shows tenant B's users to a tenant A token", async () => {
    const fabrikamUser = bed.emu.world.findTenant('fabrikam.com')?.users[0];
    const byId = await bed.call('GET', `/v1.0/users/${fabrikamUser?.id}`);
    expect(byId.status).toBe(404);
    expect(byId.body.error.code).toBe('Request_ResourceNotFound');
    const calendar = await bed.call('GET', `/v1.0/users/${fabrikamUser?.id}/calendar`);
    expect(calendar.status).toBe(404);
    expect(calendar.body.error.code).toBe('ErrorInvalidUser');
    const list = await bed.call('GET', "/v1.0/users?$filter=mail eq 'kim.akers@fabrikam.com'");
    expect(list.body.value).toEqual([]);
  });

  it('answers unknown segments and versions like Graph', async () => {
    const res = await bed.call('GET', '/v1.0/usrs');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Resource not found for the segment 'usrs'.");
    const version = await bed.call('GET', '/v2.0/users');
    expect(version.body.error.message).toBe('Invalid version: v2.0');
  });
});
