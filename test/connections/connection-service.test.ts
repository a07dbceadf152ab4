import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../server/connections/connection-audit.js';
import { ConnectionService } from '../../server/connections/connection-service.js';
import { CredentialResolver } from '../../server/connections/credential-resolver.js';
import { createConnectionMonitor } from '../../server/connections/monitor.js';
import type { ProbeInput, ProbeResult } from '../../server/connections/probe.js';
import { MemberRepository } from '../../server/domain/member-repository.js';
import { OrgRepository } from '../../server/domain/org-repository.js';
import { createIdentity, type AppCredential } from '../../server/microsoft/identity/index.js';
import { FakeClock } from '../microsoft/support/fake-clock.js';
import { tempStore, type TempStore } from './temp-store.js';

const TENANT = 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d';
const platform: AppCredential = {
  kind: 'secret',
  clientId: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43',
  secret: 'platform-secret',
};
const passed: ProbeResult = {
  ok: true,
  tenantId: TENANT,
  roles: ['User.Read.All', 'MailboxSettings.Read', 'Calendars.ReadBasic'],
  mailbox: 'mailbox-1',
  organization: { displayName: 'Contoso', verifiedDomains: ['contoso.com'] },
};
const noConsent: ProbeResult = {
  ok: false,
  roles: [],
  failure: { reason: 'consent_missing', detail: 'AADSTS700016', aadsts: 700016 },
};

let temp: TempStore;
const clock = new FakeClock();
let answers: ProbeResult[] = [];
const probes: ProbeInput[] = [];
const healthChanges: string[] = [];
let service: ConnectionService;
let orgs: OrgRepository;

beforeAll(async () => {
  temp = await tempStore(() => clock.now());
  orgs = new OrgRepository(temp.store, () => new Date(clock.now()));
  service = new ConnectionService({
    store: temp.store,
    orgs,
    members: new MemberRepository(temp.store),
    identity: createIdentity({
      authorityHost: 'https://login.example.test',
      fetch: () => Promise.reject(new Error('no network')),
    }),
    platformCredential: platform,
    resolver: new CredentialResolver({ store: temp.store, orgs, platformCredential: platform }),
    probe: (input) => {
      probes.push(input);
      return Promise.resolve(answers.length > 1 ? answers.shift()! : answers[0]!);
    },
    clock,
    retryWindowMs: 300_000,
    inlineWaitMs: 20_000,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    onHealthChange: (orgId) => healthChanges.push(orgId),
  });
});
afterAll(async () => {
  await service.close();
  await temp.close();
});

describe('claiming a tenant after consent', () => {
  it('answers "verifying" while consent replicates, then turns the connection on in the background', async () => {
    const org = await orgs.create('Contoso');
    answers = [noConsent, noConsent, passed];
    const { connection, settled } = await service.claimTenant({
      orgId: org.id,
      tenantId: TENANT,
      actor: { id: 'member:m1' },
      proven: false,
      via: 'activation_link',
      mailbox: 'admin-oid',
    });
    expect(settled).toBe(false);
    expect(connection).toMatchObject({ enabled: false, health: { state: 'verifying' } });
    await service.tasks.idle();
    const after = await service.get(org.id, connection.id);
    expect(after).toMatchObject({
      enabled: true,
      displayName: 'Contoso',
      tier: 'availability',
      verifiedDomains: ['contoso.com'],
      health: { state: 'healthy', mailbox: 'mailbox-1' },
    });
    expect(probes.at(-1)).toMatchObject({
      tenantId: TENANT,
      mailbox: 'admin-oid',
      credential: platform,
    });
    const audit = await temp.store.listAudit(org.id, { limit: 100 });
    expect(audit.entries.map((e) => e.action).reverse()).toEqual([
      'connection.created',
      'connection.verified',
      'connection.enabled',
    ]);
  });

  it('refuses a tenant another org holds unless its admin proved control', async () => {
    const other = await orgs.create('Elsewhere');
    await expect(
      service.claimTenant({
        orgId: other.id,
        tenantId: TENANT,
        actor: SYSTEM,
        proven: false,
        via: 'activation_link',
      }),
    ).rejects.toMatchObject({ code: 'ERR_CONNECTION_TENANT_TAKEN' });
  });
});

describe('periodic verification', () => {
  it('re-probes enabled connections, records the outage once, and reports the change', async () => {
    const orgId = (await temp.store.findOrgByTenant(TENANT))!;
    const ticks: number[] = [];
    let tick: () => void = () => undefined;
    const monitor = createConnectionMonitor({
      store: temp.store,
      service,
      dispatchAlerts: () => Promise.resolve(),
      intervalMs: 3_600_000,
      scheduler: (ms, task) => {
        ticks.push(ms);
        tick = task;
        return () => ticks.push(-1);
      },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    monitor.start();
    expect(ticks).toEqual([3_600_000]);
    answers = [noConsent];
    healthChanges.length = 0;
    tick();
    await monitor.runOnce();
    await service.tasks.idle();
    const [connection] = await service.list(orgId);
    expect(connection!.health).toMatchObject({
      state: 'broken',
      reason: 'consent_missing',
      aadsts: 700016,
    });
    expect(probes.at(-1)!.mailbox).toBe('mailbox-1');
    expect(healthChanges).toEqual([orgId]);
    await monitor.runOnce();
    const audit = await temp.store.listAudit(orgId, { limit: 100 });
    expect(audit.entries.filter((e) => e.action === 'connection.verification_failed')).toHaveLength(
      1,
    );
    monitor.stop();
    expect(ticks).toEqual([3_600_000, -1]);
  });
});
