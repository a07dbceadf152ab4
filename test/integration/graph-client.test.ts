// Quorum's own Graph client against the emulated Graph: paging, retries that honour Retry-After,
// giving up with a GraphError that keeps Graph's request id, the per-mailbox concurrency limit kept
// under Outlook's (zero 429s where raw concurrency gets ApplicationThrottled), getSchedule and $batch.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect, GraphClient, GraphError } from '../../server/microsoft/graph/index.js';
import { createIdentity } from '../../server/microsoft/identity/index.js';
import { getMailboxSettings } from '../../server/microsoft/mailbox-settings.js';
import { getSchedule } from '../../server/microsoft/schedule.js';
import { listUsers } from '../../server/microsoft/users.js';
import { createFetch } from '../../server/net/fetch.js';
import { control, grantConsent, startEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
let graph: GraphClient;
let contoso: string;

function newClient(retry?: { maxAttempts?: number; baseDelayMs?: number }): GraphClient {
  const identity = createIdentity({
    authorityHost: emu.loginUrl,
    fetch: createFetch({ caPem: emu.ca.certPem }),
  });
  const credential = {
    kind: 'secret' as const,
    clientId: emu.quorumApp.clientId,
    secret: emu.quorumApp.clientSecret,
  };
  return new GraphClient({
    baseUrl: emu.graphUrl,
    fetch: createFetch({ caPem: emu.ca.certPem }),
    tokenProvider: async (tid) => (await identity.getGraphToken(credential, tid)).token,
    ...(retry ? { retry } : {}),
  });
}

beforeAll(async () => {
  emu = await startEmulator();
  contoso = emu.tenantId('contoso.com');
  await grantConsent(emu, 'contoso.com');
  graph = newClient();
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await control(emu, 'DELETE', '/faults');
  await control(emu, 'DELETE', '/latency');
});

describe("Quorum's Graph client on the emulator", () => {
  it('lists every Contoso directory object through absolute nextLinks', async () => {
    const { items } = await collect(
      graph.pages<{ id: string }>({ tenantId: contoso, path: '/users', query: { $top: 7 } }),
    );
    const live = emu.world.findTenant(contoso)!.users.filter((u) => !u.deleted);
    expect(items).toHaveLength(live.length);
    expect(new Set(items.map((u) => u.id)).size).toBe(live.length);
  });

  it('retries a 429 after its Retry-After and then succeeds', async () => {
    await control(emu, 'POST', '/faults', {
      status: 429,
      code: 'TooManyRequests',
      count: 1,
      retryAfter: 1,
      pathPattern: '^/organization',
    });
    const started = Date.now();
    const response = await graph.request({ tenantId: contoso, path: '/organization' });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('gives up on a 503 storm with a GraphError that keeps the request id', async () => {
    const client = newClient({ maxAttempts: 3, baseDelayMs: 10 });
    await control(emu, 'POST', '/faults', {
      status: 503,
      code: 'serviceNotAvailable',
      count: 10,
      pathPattern: '^/organization',
    });
    const error = await client.request({ tenantId: contoso, path: '/organization' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GraphError);
    const graphError = error as GraphError;
    expect(graphError.status).toBe(503);
    expect(graphError.code).toBe('serviceNotAvailable');
    expect(graphError.attempts).toBe(3);
    expect(graphError.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps one mailbox under Outlook’s concurrency limit: zero 429s with latency on', async () => {
    await control(emu, 'POST', '/latency', { ms: 40 });
    await control(emu, 'DELETE', '/stats');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        getMailboxSettings(graph, contoso, 'adele.vance@contoso.com'),
      ),
    );
    expect(results.every((r) => r.timeZone === 'America/Los_Angeles')).toBe(true);
    const { body: stats } = await control<{ throttled: number }>(emu, 'GET', '/stats');
    expect(stats.throttled).toBe(0);
  });

  it('reads free/busy for 25 addresses in two getSchedule calls, unknown ones as per-schedule errors', async () => {
    await control(emu, 'DELETE', '/stats');
    const people = emu.world
      .findTenant(contoso)!
      .users.filter(
        (u) =>
          u.mailbox.kind === 'user' && u.assignedLicenses.length > 0 && u.mailbox.access === 'full',
      )
      .slice(0, 24)
      .map((u) => u.mail!);
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCHours(0, 0, 0, 0);
    const end = new Date(start.getTime() + 2 * 86_400_000);
    const results = await getSchedule(graph, contoso, 'megan.bowen@contoso.com', {
      schedules: [...people, 'nobody@contoso.com'],
      start,
      end,
      intervalMinutes: 60,
    });
    expect(results).toHaveLength(25);
    expect(results.slice(0, 24).every((r) => r.ok && r.availabilityView.length === 48)).toBe(true);
    const unknown = results[24]!;
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.responseCode).toBe('5009');
    const { body: stats } = await control<{ byRoute: Record<string, Record<string, number>> }>(
      emu,
      'GET',
      '/stats',
    );
    const calls = Object.entries(stats.byRoute)
      .filter(([route]) => route.includes('getSchedule'))
      .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    expect(calls).toBe(2);
  });

  it('probes 30 mailboxes with $batch, mapping each mailbox state to its Graph error', async () => {
    const tenant = emu.world.findTenant(contoso)!;
    const users = tenant.users.filter((u) => u.userType === 'Member').slice(0, 30);
    const results = await graph.batch(
      contoso,
      users.flatMap((u) => [
        { id: `${u.id}:s`, url: `/users/${u.id}/mailboxSettings` },
        { id: `${u.id}:c`, url: `/users/${u.id}/calendar?$select=id` },
      ]),
    );
    expect(results.size).toBe(60);
    const nestor = users.find((u) => u.userPrincipalName.startsWith('nestor.wilke'))!;
    const pradeep = users.find((u) => u.userPrincipalName.startsWith('pradeep.gupta'))!;
    const grady = users.find((u) => u.userPrincipalName.startsWith('grady.archie'))!;
    const failed = (id: string) => {
      const r = results.get(id);
      return r && !r.ok ? { status: r.error.status, code: r.error.code } : undefined;
    };
    expect(failed(`${nestor.id}:s`)).toEqual({ status: 404, code: 'MailboxNotEnabledForRESTAPI' });
    expect(failed(`${pradeep.id}:c`)).toEqual({ status: 403, code: 'ErrorAccessDenied' });
    expect(results.get(`${grady.id}:s`)?.ok).toBe(true);
    expect(failed(`${grady.id}:c`)).toEqual({ status: 403, code: 'ErrorAccessDenied' });
  });

  it('streams users page by page with the module function', async () => {
    let pages = 0;
    for await (const page of listUsers(graph, contoso)) {
      pages += 1;
      expect(page.value.length).toBeGreaterThan(0);
    }
    expect(pages).toBe(1);
  });
});
