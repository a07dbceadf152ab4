// The official clients cannot tell the emulator from Microsoft: msal-node gets the token, the
// Graph JS SDK follows absolute HTTPS nextLinks with PageIterator, reads delta links and raises
// GraphError with Graph's codes and request ids.
import { GraphError, PageIterator } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, TENANTS, type GraphTestbed } from './support.js';

let bed: GraphTestbed;
beforeAll(async () => {
  bed = await startGraphTestbed();
});
afterAll(async () => bed.close());

describe('official Graph client against the emulator', () => {
  it('pages every Contoso user with PageIterator across absolute https nextLinks', async () => {
    const client = bed.graphClient(await bed.token());
    const first = await client.api('/users').select('id,userPrincipalName').top(7).get();
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${bed.emu.graphUrl}/v1\\.0/users\\?`));
    const seen: string[] = [];
    const iterator = new PageIterator(client, first, (u: { userPrincipalName: string }) => {
      seen.push(u.userPrincipalName);
      return true;
    });
    await iterator.iterate();
    const live =
      bed.emu.world.findTenant(TENANTS.contoso.id)?.users.filter((u) => !u.deleted) ?? [];
    expect(seen).toHaveLength(live.length);
    expect(new Set(seen).size).toBe(live.length);
  });

  it('runs a users delta to its deltaLink, then sees only the change', async () => {
    const client = bed.graphClient(await bed.token());
    const first = await client.api('/users/delta').select('id,displayName').get();
    let count = 0;
    const iterator = new PageIterator(client, first, () => {
      count += 1;
      return true;
    });
    await iterator.iterate();
    const deltaLink = iterator.getDeltaLink();
    expect(deltaLink).toMatch(/^https:\/\/.+\/v1\.0\/users\/delta\?%24deltatoken=/);
    expect(count).toBeGreaterThan(40);
    await bed.control('PATCH', `/tenants/contoso.com/users/adele.vance@contoso.com`, {
      jobTitle: 'Head of Product',
    });
    const next = await client.api(deltaLink as string).get();
    expect(next.value).toEqual([
      expect.objectContaining({ displayName: 'Adele Vance', id: expect.any(String) }),
    ]);
    expect(next['@odata.deltaLink']).toBeDefined();
  });

  it('raises GraphError with the code, status and request id of a Graph 404', async () => {
    const client = bed.graphClient(await bed.token());
    const error = await client
      .api('/users/nobody@contoso.com')
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    const g = error as GraphError;
    expect(g.statusCode).toBe(404);
    expect(g.code).toBe('Request_ResourceNotFound');
    expect(g.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates a Teams meeting and reads its mailbox settings through the SDK', async () => {
    const client = bed.graphClient(await bed.token());
    const settings = await client.api('/users/adele.vance@contoso.com/mailboxSettings').get();
    expect(settings.timeZone).toBe('Pacific Standard Time');
    const event = await client.api('/users/adele.vance@contoso.com/events').post({
      subject: 'SDK meeting',
      start: { dateTime: '2025-03-04T10:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2025-03-04T10:30:00', timeZone: 'Pacific Standard Time' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    expect(event.onlineMeeting.joinUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//,
    );
  });
});
