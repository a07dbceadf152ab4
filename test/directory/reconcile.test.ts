import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../server/directory/directory-user.js';
import { uncheckedCalendar } from '../../server/directory/member-state.js';
import { reconcileMembers, type ReconcileInput } from '../../server/directory/reconcile.js';
import { DirectorySnapshots } from '../../server/directory/snapshots.js';
import {
  DEFAULT_ORG_SETTINGS,
  type Member,
  type Organization,
  type OrgSettings,
  type TenantConnection,
} from '../../server/domain/types.js';

const A = 'tenant-a';
const B = 'tenant-b';
const NOW = '2026-03-02T10:00:00.000Z';

function person(
  tenantId: string,
  id: string,
  overrides: Partial<DirectoryUser> = {},
): DirectoryUser {
  return {
    id,
    tenantId,
    displayName: id,
    mail: `${id}@${tenantId}.example`,
    userPrincipalName: `${id}@${tenantId}.example`,
    proxyAddresses: [],
    accountEnabled: true,
    userType: 'Member',
    licensed: true,
    ...overrides,
  };
}

function connection(id: string, tenantId: string, enabled = true): TenantConnection {
  return {
    id,
    orgId: 'org',
    tenantId,
    displayName: tenantId,
    verifiedDomains: [],
    credential: { kind: 'platform', clientId: 'c' },
    grantedRoles: [],
    tier: 'availability',
    enabled,
    createdAt: id === 'ca' ? '2026-01-01' : '2026-01-02',
    lastEnabledAt: null,
    lastDisabledAt: null,
    health: { state: 'healthy', reason: null, detail: null, checkedAt: null },
    sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
  };
}

function member(email: string, overrides: Partial<Member> = {}): Member {
  return {
    id: `m-${email}`,
    orgId: 'org',
    tenantId: null,
    objectId: null,
    email,
    displayName: email,
    role: 'member',
    source: 'invite',
    createdAt: '2026-01-01T00:00:00.000Z',
    directory: null,
    calendar: uncheckedCalendar(null),
    personalCalendars: [],
    ...overrides,
  };
}

function input(
  users: Record<string, DirectoryUser[]>,
  members: Member[],
  settings: Partial<OrgSettings> = {},
  extra: Partial<ReconcileInput> = {},
): ReconcileInput {
  const snapshots = new DirectorySnapshots();
  const connections = [connection('ca', A), connection('cb', B)];
  for (const c of connections) {
    const list = users[c.id];
    if (list) {
      snapshots.replace({
        connectionId: c.id,
        tenantId: c.tenantId,
        users: new Map(list.map((u) => [u.id, u])),
        syncedAt: NOW,
      });
    }
  }
  const org: Organization = {
    id: 'org',
    name: 'Org',
    createdAt: NOW,
    settings: { ...DEFAULT_ORG_SETTINGS, ...settings },
  };
  return { org, connections, snapshots, exclusions: new Map(), members, now: NOW, ...extra };
}

const emails = (ms: { after: Member }[]) => ms.map((c) => c.after.email).sort();

describe('reconciling members with the directory', () => {
  it('provisions every person and no disabled unlicensed account (room or shared mailbox)', async () => {
    const result = await reconcileMembers(
      input(
        {
          ca: [
            person(A, 'ada'),
            person(A, 'bob', { accountEnabled: false }),
            person(A, 'cy', { licensed: false }),
            person(A, 'room1', { accountEnabled: false, licensed: false }),
          ],
        },
        [],
      ),
    );
    expect(emails(result.put)).toEqual([
      'ada@tenant-a.example',
      'bob@tenant-a.example',
      'cy@tenant-a.example',
    ]);
    expect(result.put[0]?.after).toMatchObject({ source: 'directory', role: 'member' });
    expect(result.put[0]?.after.calendar).toMatchObject({
      tenantConnectionId: 'ca',
      reason: 'checking',
    });
  });

  it('creates one member for a person who is also a guest in another connected tenant', async () => {
    const home = person(B, 'pat', { mail: 'pat@b.example', userPrincipalName: 'pat@b.example' });
    const guest = person(A, 'pat-guest', {
      mail: 'pat@b.example',
      userPrincipalName: 'pat_b.example#EXT#@a.example',
      userType: 'Guest',
      licensed: false,
    });
    const result = await reconcileMembers(input({ ca: [guest], cb: [home] }, []));
    expect(result.put.map((c) => c.after.objectId)).toEqual(['pat']);
  });

  it('links an invited member by address and takes the identity from the directory', async () => {
    const result = await reconcileMembers(
      input({ ca: [person(A, 'ada')] }, [member('Ada+Team@Tenant-A.example')], {
        provisioning: { mode: 'none' },
      }),
    );
    expect(result.put).toHaveLength(1);
    expect(result.put[0]?.after).toMatchObject({
      tenantId: A,
      objectId: 'ada',
      source: 'invite',
      directory: { objectId: 'ada', tenantId: A },
      calendar: { tenantConnectionId: 'ca' },
    });
  });

  it('keeps an owner whose user left the directory, as not_in_directory', async () => {
    const owner = member('gone@tenant-a.example', {
      role: 'owner',
      source: 'directory',
      tenantId: A,
      objectId: 'gone',
      calendar: uncheckedCalendar('ca'),
    });
    const result = await reconcileMembers(input({ ca: [] }, [owner]));
    expect(result.deleted).toEqual([]);
    expect(result.put[0]?.after.calendar).toMatchObject({
      reason: 'not_in_directory',
      tenantConnectionId: null,
    });
  });

  it('removes a provisioned member whose user left the directory', async () => {
    const gone = member('gone@tenant-a.example', {
      source: 'directory',
      tenantId: A,
      objectId: 'gone',
      calendar: uncheckedCalendar('ca'),
    });
    expect((await reconcileMembers(input({ ca: [] }, [gone]))).deleted).toEqual([gone]);
  });

  it('leaves members of a tenant whose users are unknown right now alone', async () => {
    const kept = member('x@tenant-b.example', {
      source: 'directory',
      tenantId: B,
      objectId: 'x',
      calendar: uncheckedCalendar('cb'),
    });
    const result = await reconcileMembers(input({ ca: [person(A, 'ada')] }, [kept]));
    expect(result.deleted).toEqual([]);
    expect(result.put.map((c) => c.after.email)).toEqual(['ada@tenant-a.example']);
  });

  it('provisions only the chosen group, and removes provisioned members outside it', async () => {
    const outside = member('bob@tenant-a.example', {
      source: 'directory',
      tenantId: A,
      objectId: 'bob',
      calendar: uncheckedCalendar('ca'),
    });
    const result = await reconcileMembers(
      input(
        { ca: [person(A, 'ada'), person(A, 'bob')] },
        [outside],
        { provisioning: { mode: 'group', groupId: 'g' } },
        { inGroup: (u) => u.id === 'ada' },
      ),
    );
    expect(emails(result.put)).toEqual(['ada@tenant-a.example']);
    expect(result.deleted).toEqual([outside]);
  });

  it('neither adds nor removes anyone when the group could not be read', async () => {
    const result = await reconcileMembers(
      input({ ca: [person(A, 'ada')] }, [], { provisioning: { mode: 'group', groupId: 'g' } }),
    );
    expect(result.put).toEqual([]);
  });

  it('never provisions a mailbox a sweep found not to be a person', async () => {
    const result = await reconcileMembers(
      input(
        { ca: [person(A, 'room', { accountEnabled: true })] },
        [],
        {},
        {
          exclusions: new Map([['ca', new Set(['room'])]]),
        },
      ),
    );
    expect(result.put).toEqual([]);
  });

  it('does not provision from a disabled connection, but keeps its members linked', async () => {
    const snapshots = new DirectorySnapshots();
    snapshots.replace({
      connectionId: 'cb',
      tenantId: B,
      users: new Map([
        ['x', person(B, 'x')],
        ['y', person(B, 'y')],
      ]),
      syncedAt: NOW,
    });
    const linked = member('x@tenant-b.example', {
      source: 'directory',
      tenantId: B,
      objectId: 'x',
      calendar: uncheckedCalendar('cb'),
    });
    const base = input({}, [linked]);
    const result = await reconcileMembers({
      ...base,
      snapshots,
      connections: [connection('cb', B, false)],
    });
    expect(result.created).toBe(0);
    expect(result.deleted).toEqual([]);
    expect(result.put.map((c) => c.after.calendar.tenantConnectionId)).toEqual(['cb']);
  });

  it('writes nothing when nothing changed', async () => {
    const first = await reconcileMembers(input({ ca: [person(A, 'ada')] }, []));
    const second = await reconcileMembers(
      input(
        { ca: [person(A, 'ada')] },
        first.put.map((c) => c.after),
      ),
    );
    expect(second.put).toEqual([]);
    expect(second.deleted).toEqual([]);
  });
});
