// Bullets 6–8: $batch limits, dependsOn and 424, per-item 429; Outlook's per-mailbox concurrency
// and request budget; latency and fault injection; the control API's users, generator and stats.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphTestbed, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());
beforeEach(async () => {
  await bed.control('DELETE', '/latency');
  await bed.control('DELETE', '/faults');
  await bed.control('DELETE', '/throttling');
});

const get = (id: string, url: string, dependsOn?: string[]) => ({
  id,
  method: 'GET',
  url,
  ...(dependsOn ? { dependsOn } : {}),
});

describe('$batch', () => {
  it('runs items through the same routes, with per-item status, headers and bodies', async () => {
    const res = await bed.call('POST', '/v1.0/$batch', {
      body: {
        requests: [
          get('1', '/users/adele.vance@contoso.com/mailboxSettings'),
          get('2', '/users/adele.vance@contoso.com/calendar?$select=id'),
          get('3', '/users/nestor.wilke@contoso.com/calendar'),
          get('4', 'users/ghost@contoso.com'),
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 200, body: { timeZone: 'Pacific Standard Time' } });
    expect(byId['1'].headers['Content-Type']).toMatch(/^application\/json/);
    expect(Object.keys(byId['2'].body).sort()).toEqual(['@odata.context', 'id']);
    expect(byId['3']).toMatchObject({
      status: 404,
      body: { error: { code: 'MailboxNotEnabledForRESTAPI' } },
    });
    expect(byId['4']).toMatchObject({
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound' } },
    });
  });

  it('rejects more than 20 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i), '/organization'));
    const res = await bed.call('POST', '/v1.0/$batch', { body: { requests } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'BadRequest',
      message: 'The number of requests in a batch cannot exceed 20; this batch has 21.',
    });
  });

  it('rejects duplicate ids and bodies without Content-Type', async () => {
    const dup = await bed.call('POST', '/v1.0/$batch', {
      body: { requests: [get('1', '/organization'), get('1', '/organization')] },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toBe("Batch request contains duplicate id '1'.");
    const noType = await bed.call('POST', '/v1.0/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/users/adele.vance@contoso.com/calendars',
            body: { name: 'X' },
          },
        ],
      },
    });
    expect(noType.status).toBe(400);
    expect(noType.body.error.message).toBe(
      'Write request id : 1 does not contain Content-Type header or body.',
    );
  });

  it('orders dependsOn and fails dependents of a failure with 424', async () => {
    const res = await bed.call('POST', '/v1.0/$batch', {
      body: {
        requests: [
          {
            id: 'a',
            method: 'POST',
            url: '/users/adele.vance@contoso.com/calendars',
            headers: { 'Content-Type': 'application/json' },
            body: { name: 'Batch calendar' },
          },
          get('b', '/users/adele.vance@contoso.com/calendars', ['a']),
          get('c', '/users/ghost@contoso.com/calendar'),
          get('d', '/users/adele.vance@contoso.com/calendar', ['c']),
        ],
      },
    });
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId.a.status).toBe(201);
    expect(byId.b.body.value.map((c: { name: string }) => c.name)).toContain('Batch calendar');
    expect(byId.c.status).toBe(404);
    expect(byId.d.status).toBe(424);
  });

  it('throttles items individually: 429 ApplicationThrottled with Retry-After inside a 200 batch', async () => {
    await bed.control('POST', '/latency', { ms: 150 });
    const requests = Array.from({ length: 6 }, (_, i) =>
      get(String(i), '/users/adele.vance@contoso.com/calendar?$select=id'),
    );
    const res = await bed.call('POST', '/v1.0/$batch', { body: { requests } });
    expect(res.status).toBe(200);
    const throttled = res.body.responses.filter((r: { status: number }) => r.status === 429);
    expect(throttled).toHaveLength(2);
    expect(throttled[0].headers['Retry-After']).toBe('1');
    expect(throttled[0].body.error).toMatchObject({
      code: 'ApplicationThrottled',
      message: 'Application is over its MailboxConcurrency limit.',
    });
  });
});

describe('Outlook throttling', () => {
  it('answers 429 to the 5th and 6th concurrent request on one mailbox, not to other mailboxes', async () => {
    await bed.control('POST', '/latency', { ms: 200 });
    const one = Array.from({ length: 6 }, () =>
      bed.call('GET', '/v1.0/users/adele.vance@contoso.com/mailboxSettings'),
    );
    const other = bed.call('GET', '/v1.0/users/rosa.garcia@contoso.com/mailboxSettings');
    const results = await Promise.all([...one, other]);
    const statuses = results
      .slice(0, 6)
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const limited = results.find((r) => r.status === 429);
    expect(limited?.headers.get('retry-after')).toBe('1');
    expect(limited?.body.error).toMatchObject({
      code: 'ApplicationThrottled',
      message: 'Application is over its MailboxConcurrency limit.',
    });
    expect(results[6]?.status).toBe(200);
  });

  it('enforces the per-mailbox request budget with a Retry-After to the window end', async () => {
    await bed.control('POST', '/throttling', { mailboxRequestsPerWindow: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await bed.call('GET', '/v1.0/users/uma.patel@contoso.com/calendar')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await bed.call('GET', '/v1.0/users/uma.patel@contoso.com/calendar');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(500);
    bed.clock.advance(10 * 60_000);
    expect((await bed.call('GET', '/v1.0/users/uma.patel@contoso.com/calendar')).status).toBe(200);
  });
});

describe('latency and faults', () => {
  it('delays matching paths by the configured latency', async () => {
    await bed.control('POST', '/latency', { ms: 120, jitterMs: 10, pathPattern: '/organization' });
    const t0 = Date.now();
    await bed.call('GET', '/v1.0/organization');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
  });

  it('injects one-off faults for the next N matching requests, with Retry-After', async () => {
    const set = await bed.control('POST', '/faults', {
      status: 503,
      count: 2,
      pathPattern: 'mailboxSettings',
      retryAfter: 2,
    });
    expect(set.status).toBe(204);
    const a = await bed.call('GET', '/v1.0/users/lee.gu@contoso.com/mailboxSettings');
    const other = await bed.call('GET', '/v1.0/users/lee.gu@contoso.com/calendar');
    const b = await bed.call('GET', '/v1.0/users/lee.gu@contoso.com/mailboxSettings');
    const c = await bed.call('GET', '/v1.0/users/lee.gu@contoso.com/mailboxSettings');
    expect([a.status, other.status, b.status, c.status]).toEqual([503, 200, 503, 200]);
    expect(a.headers.get('retry-after')).toBe('2');
    expect(a.body.error.code).toBe('ServiceUnavailable');
  });

  it('injects faults at a random rate until cleared', async () => {
    await bed.control('POST', '/faults', { status: 429, rate: 1, code: 'TooManyRequests' });
    const res = await bed.call('GET', '/v1.0/organization');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    await bed.control('DELETE', '/faults');
    expect((await bed.call('GET', '/v1.0/organization')).status).toBe(200);
  });

  it('validates control bodies', async () => {
    const res = await bed.control('POST', '/faults', { status: 503 });
    expect(res.status).toBe(400);
  });
});

describe('control API', () => {
  it('generates a 50,000-user tenant in a few seconds and serves it', async () => {
    const t0 = Date.now();
    const res = await bed.control('POST', '/tenants/generate', {
      domain: 'big.example',
      count: 50_000,
    });
    expect(res.status).toBe(201);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.body).toMatchObject({ users: 50_000, rooms: 200 });
    const token = await bed.mint({}, res.body.tenantId);
    const page = await bed.call('GET', '/v1.0/users?$top=999&$select=id,mail', { token });
    expect(page.body.value).toHaveLength(999);
    const last = bed.emu.world.findTenant('big.example')?.users.at(-2);
    const settings = await bed.call('GET', `/v1.0/users/${last?.id}/mailboxSettings`, { token });
    expect([200, 403, 404]).toContain(settings.status);
  });

  it('adds users and rejects duplicates', async () => {
    const added = await bed.control('POST', '/tenants/contoso.com/users', {
      upn: 'new.hire',
      displayName: 'New Hire',
      timeZone: 'GMT Standard Time',
    });
    expect(added.status).toBe(201);
    const settings = await bed.call('GET', '/v1.0/users/new.hire@contoso.com/mailboxSettings');
    expect(settings.body.timeZone).toBe('GMT Standard Time');
    expect(
      (
        await bed.control('POST', '/tenants/contoso.com/users', {
          upn: 'new.hire',
          displayName: 'Again',
        })
      ).status,
    ).toBe(409);
  });

  it('switches access scope and Teams per user', async () => {
    await bed.control('PATCH', '/tenants/contoso.com/users/ben.walters@contoso.com', {
      access: 'denied',
      teamsEnabled: false,
    });
    const res = await bed.call('GET', '/v1.0/users/ben.walters@contoso.com/mailboxSettings');
    expect(res.status).toBe(403);
    await bed.control('PATCH', '/tenants/contoso.com/users/ben.walters@contoso.com', {
      access: 'full',
    });
    const cal = await bed.call('GET', '/v1.0/users/ben.walters@contoso.com/calendar');
    expect(cal.body.allowedOnlineMeetingProviders).toEqual([]);
  });

  it('counts requests per route and status, and 429s', async () => {
    await bed.control('DELETE', '/stats');
    await bed.call('GET', '/v1.0/organization');
    await bed.call('GET', '/v1.0/users/ghost@contoso.com');
    await bed.call('POST', '/v1.0/$batch', {
      body: { requests: [get('1', '/organization'), get('2', '/organization')] },
    });
    const stats = await bed.control('GET', '/stats');
    expect(stats.body).toMatchObject({
      requests: 3,
      batchItems: 2,
      throttled: 0,
      byRoute: {
        'GET /organization': { '200': 3 },
        'GET /users/:user': { '404': 1 },
        'POST /$batch': { '200': 1 },
      },
    });
  });
});
