// Bullet 2: /users (select, filter, paging limits, absolute nextLinks), /users/{id|upn},
// /users/delta (changes, removals, 410 on expired or unknown tokens, latest), /organization and
// /groups/{id}/transitiveMembers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, TENANTS, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());

describe('GET /users', () => {
  it('returns the default property set and an @odata.context', async () => {
    const res = await bed.call('GET', '/v1.0/users?$top=1');
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toBe(`${bed.emu.graphUrl}/v1.0/$metadata#users`);
    expect(Object.keys(res.body.value[0]).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
  });

  it('returns exactly the $select properties', async () => {
    const res = await bed.call(
      'GET',
      '/v1.0/users?$select=id,accountEnabled,proxyAddresses&$top=1',
    );
    expect(Object.keys(res.body.value[0]).sort()).toEqual([
      'accountEnabled',
      'id',
      'proxyAddresses',
    ]);
    expect(res.body['@odata.context']).toMatch(/#users\(id,accountEnabled,proxyAddresses\)$/);
  });

  it('pages 100 by default and links the next page absolutely over https with the original query', async () => {
    await bed.control('POST', '/tenants/generate', { domain: 'paging.example', count: 250 });
    const token = await bed.mint({}, bed.emu.tenantId('paging.example'));
    const first = await bed.call('GET', '/v1.0/users?$select=id', { token });
    expect(first.body.value).toHaveLength(100);
    const next = new URL(first.body['@odata.nextLink']);
    expect(next.origin).toBe(bed.emu.graphUrl);
    expect(next.pathname).toBe('/v1.0/users');
    expect(next.searchParams.get('$select')).toBe('id');
    expect(next.searchParams.get('$skiptoken')).toBeTruthy();
    // The skiptoken alone carries the query: the page keeps $select even if the client drops it.
    const bare = `${bed.emu.graphUrl}/v1.0/users?$skiptoken=${next.searchParams.get('$skiptoken')}`;
    const second = await bed.call('GET', bare, { token });
    expect(Object.keys(second.body.value[0])).toEqual(['id']);
    const third = await bed.call('GET', second.body['@odata.nextLink'], { token });
    expect(third.body.value).toHaveLength(50);
    expect(third.body['@odata.nextLink']).toBeUndefined();
  });

  it.each(['1000', '0', 'abc'])('rejects $top=%s with Request_UnsupportedQuery', async (top) => {
    const res = await bed.call('GET', `/v1.0/users?$top=${top}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Request_UnsupportedQuery');
    expect(res.body.error.message).toBe(
      `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
    );
  });

  it('accepts $top=999', async () => {
    expect((await bed.call('GET', '/v1.0/users?$top=999')).status).toBe(200);
  });

  it.each([
    ["mail eq 'ADELE.VANCE@contoso.com'", ['adele.vance@contoso.com']],
    ["startsWith(userPrincipalName,'room.t')", ['room.thames@contoso.com']],
    ["proxyAddresses/any(x:x eq 'smtp:lynne@contoso.co.uk')", ['lynne.robbins@contoso.com']],
    [
      "mail eq 'megan.bowen@contoso.com' or mail eq 'alex.wilber@contoso.com'",
      ['megan.bowen@contoso.com', 'alex.wilber@contoso.com'],
    ],
    [
      "userPrincipalName in ('adele.vance@contoso.com','nobody@contoso.com')",
      ['adele.vance@contoso.com'],
    ],
  ])('filters %s', async (filter, upns) => {
    const res = await bed.call(
      'GET',
      `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=userPrincipalName`,
    );
    expect(res.status).toBe(200);
    expect(res.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(
      upns,
    );
  });

  it('rejects a filter on an unfilterable property', async () => {
    const res = await bed.call(
      'GET',
      `/v1.0/users?$filter=${encodeURIComponent("officeLocation eq 'Seattle'")}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Unsupported or invalid query filter clause specified for property 'officeLocation' of resource 'User'.",
    );
  });

  it('rejects an unknown $select property', async () => {
    const res = await bed.call('GET', '/v1.0/users?$select=shoeSize');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Could not find a property named 'shoeSize' on type 'Microsoft.DirectoryServices.User'.",
    );
  });
});

describe('GET /users/{id | userPrincipalName}', () => {
  it('finds a user by UPN and by id', async () => {
    const byUpn = await bed.call('GET', '/v1.0/users/adele.vance@contoso.com');
    expect(byUpn.status).toBe(200);
    const byId = await bed.call('GET', `/v1.0/users/${byUpn.body.id}?$select=id,mail`);
    expect(byId.body).toMatchObject({ id: byUpn.body.id, mail: 'adele.vance@contoso.com' });
  });

  it('answers 404 Request_ResourceNotFound for an unknown user', async () => {
    const res = await bed.call('GET', '/v1.0/users/ghost@contoso.com');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "Resource 'ghost@contoso.com' does not exist or one of its queried reference-property objects are not present.",
    );
  });
});

describe('GET /users/delta', () => {
  async function syncToEnd(url: string, token?: string) {
    const items: Record<string, unknown>[] = [];
    let next: string | undefined = url;
    for (;;) {
      const res = await bed.call('GET', next as string, { token });
      expect(res.status).toBe(200);
      items.push(...res.body.value);
      if (res.body['@odata.deltaLink'])
        return { items, deltaLink: res.body['@odata.deltaLink'] as string };
      next = res.body['@odata.nextLink'];
    }
  }

  it('reports changes, soft deletions (changed) and permanent deletions (deleted)', async () => {
    await bed.control('POST', '/tenants/generate', { domain: 'delta.example', count: 30 });
    const tenant = bed.emu.tenantId('delta.example');
    const token = await bed.mint({}, tenant);
    const { items, deltaLink } = await syncToEnd('/v1.0/users/delta?$select=id,displayName', token);
    expect(items).toHaveLength(30);
    const users = bed.emu.world.findTenant(tenant)?.users ?? [];
    const [a, b, c] = users;
    await bed.control('PATCH', `/tenants/${tenant}/users/${a?.id}`, { displayName: 'Renamed' });
    await bed.control('PATCH', `/tenants/${tenant}/users/${b?.id}`, { deleted: true });
    await bed.control('PATCH', `/tenants/${tenant}/users/${c?.id}`, { purged: true });
    const added = await bed.control('POST', `/tenants/${tenant}/users`, {
      upn: 'newbie',
      displayName: 'New Bie',
    });
    expect(added.status).toBe(201);
    const round = await syncToEnd(deltaLink, token);
    expect(round.items).toEqual([
      { id: a?.id, displayName: 'Renamed' },
      { id: b?.id, '@removed': { reason: 'changed' } },
      { id: c?.id, '@removed': { reason: 'deleted' } },
      { id: added.body.id, displayName: 'New Bie' },
    ]);
    const quiet = await syncToEnd(round.deltaLink, token);
    expect(quiet.items).toEqual([]);
  });

  it('answers $deltatoken=latest with only a deltaLink', async () => {
    const res = await bed.call('GET', '/v1.0/users/delta?$deltatoken=latest');
    expect(res.body.value).toEqual([]);
    expect(res.body['@odata.deltaLink']).toMatch(/\/v1\.0\/users\/delta\?%24deltatoken=/);
  });

  it('answers 410 Gone with Location and syncStateNotFound after 7 days', async () => {
    const { deltaLink } = await syncToEnd('/v1.0/users/delta?$select=id');
    bed.clock.advance(7 * 24 * 3600_000 + 1000);
    const res = await bed.call('GET', deltaLink, { token: await bed.mint() });
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('syncStateNotFound');
    expect(res.headers.get('location')).toBe(`${bed.emu.graphUrl}/v1.0/users/delta?%24select=id`);
  });

  it('answers 410 resyncRequired for an unknown token', async () => {
    const res = await bed.call('GET', '/v1.0/users/delta?$deltatoken=bogus', {
      token: await bed.mint(),
    });
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('resyncRequired');
    expect(res.headers.get('location')).toBe(`${bed.emu.graphUrl}/v1.0/users/delta`);
  });

  it('requires User.Read.All (ReadBasic is not enough)', async () => {
    const res = await bed.call('GET', '/v1.0/users/delta', {
      token: await bed.mint({ roles: ['User.ReadBasic.All'] }),
    });
    expect(res.status).toBe(403);
  });
});

describe('GET /organization and /groups/{id}/transitiveMembers', () => {
  it('lists verified domains with default and initial flags', async () => {
    const res = await bed.call('GET', '/v1.0/organization', {
      token: await bed.mint({ roles: ['Organization.Read.All'] }),
    });
    expect(res.status).toBe(200);
    const domains = res.body.value[0].verifiedDomains;
    expect(domains).toContainEqual(
      expect.objectContaining({ name: 'contoso.com', isDefault: true, isInitial: false }),
    );
    expect(domains).toContainEqual(
      expect.objectContaining({
        name: 'contoso.onmicrosoft.com',
        isDefault: false,
        isInitial: true,
      }),
    );
    expect(res.body.value[0].id).toBe(TENANTS.contoso.id);
  });

  it('flattens nested groups once each, typed, and pages them', async () => {
    const tenant = bed.emu.world.findTenant('contoso.com');
    const pilot = tenant?.groups.find((g) => g.displayName === 'Quorum Pilot');
    const token = await bed.mint({ roles: ['GroupMember.Read.All'] });
    const first = await bed.call('GET', `/v1.0/groups/${pilot?.id}/transitiveMembers?$top=5`, {
      token,
    });
    expect(first.status).toBe(200);
    const all = [...first.body.value];
    let next = first.body['@odata.nextLink'];
    while (next) {
      const page = await bed.call('GET', next, { token });
      all.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    const types = all.map((m) => m['@odata.type']);
    expect(types.filter((t) => t === '#microsoft.graph.group')).toHaveLength(1);
    expect(types.filter((t) => t === '#microsoft.graph.user')).toHaveLength(14);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  });

  it('answers 404 for an unknown group', async () => {
    const token = await bed.mint({ roles: ['GroupMember.Read.All'] });
    const res = await bed.call(
      'GET',
      '/v1.0/groups/00000000-0000-0000-0000-000000000000/transitiveMembers',
      { token },
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('Request_ResourceNotFound');
  });
});
