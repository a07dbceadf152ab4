// GET/PATCH /api/org/settings: admins only, validated as a whole (no partial write), audited with
// before/after, the alert webhook held to HTTPS and public addresses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_SETTINGS, type OrgSettings } from '../../server/domain/types.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

interface Problem {
  code: string;
  errors?: { in: string; path: string; message: string }[];
}

const megan = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' }; // owner
const adele = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' }; // member

let quorum: TestQuorum;
let contoso: TestOrg;

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
  await signIn(quorum, megan.tenant, megan.upn);
});
afterAll(async () => {
  await quorum.close();
});
beforeEach(async () => {
  await quorum.services.orgs.updateSettings(contoso.org.id, DEFAULT_ORG_SETTINGS);
});

async function settingsNow(): Promise<OrgSettings> {
  return (await quorum.services.orgs.get(contoso.org.id))!.settings;
}

describe('GET /api/org/settings', () => {
  it('shows an admin every setting', async () => {
    const { status, body } = await quorum.api<OrgSettings>(megan, 'GET', '/api/org/settings');
    expect(status).toBe(200);
    expect(body).toEqual(DEFAULT_ORG_SETTINGS);
  });

  it.each([
    ['GET', '/api/org/settings', undefined],
    ['PATCH', '/api/org/settings', { allowMemberDisconnect: true }],
  ])('refuses a member on %s %s with ERR_ROLE_REQUIRED', async (method, path, body) => {
    const res = await quorum.api<Problem>(adele, method, path, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ERR_ROLE_REQUIRED');
    expect(await settingsNow()).toEqual(DEFAULT_ORG_SETTINGS);
  });
});

describe('PATCH /api/org/settings', () => {
  it('changes the named settings, answers them all, and audits only what changed', async () => {
    const patch = {
      allowMemberDisconnect: true,
      freeBusyPolicy: { blocking: ['busy', 'oof'], unknownBlocks: true },
      serviceMailbox: 'Events@Contoso.com',
      provisioning: { mode: 'group', groupId: '8a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' },
      alertWebhookUrl: null, // unchanged: not audited
    };
    const { status, body } = await quorum.api<OrgSettings>(
      megan,
      'PATCH',
      '/api/org/settings',
      patch,
    );
    expect(status).toBe(200);
    const expected: OrgSettings = {
      ...DEFAULT_ORG_SETTINGS,
      allowMemberDisconnect: true,
      freeBusyPolicy: { blocking: ['busy', 'oof'], unknownBlocks: true },
      serviceMailbox: 'events@contoso.com',
      provisioning: { mode: 'group', groupId: '8a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' },
    };
    expect(body).toEqual(expected);
    expect(await settingsNow()).toEqual(expected);

    const { entries } = await quorum.services.store.listAudit(contoso.org.id, { limit: 1 });
    expect(entries[0]).toMatchObject({
      action: 'org.settings.updated',
      target: `org:${contoso.org.id}`,
      actor: expect.stringMatching(/^member:/),
      detail: {
        before: {
          allowMemberDisconnect: false,
          freeBusyPolicy: DEFAULT_ORG_SETTINGS.freeBusyPolicy,
          serviceMailbox: null,
          provisioning: { mode: 'allPeople' },
        },
        after: {
          allowMemberDisconnect: true,
          freeBusyPolicy: { blocking: ['busy', 'oof'], unknownBlocks: true },
          serviceMailbox: 'events@contoso.com',
          provisioning: { mode: 'group', groupId: '8a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' },
        },
      },
    });
    expect(Object.keys((entries[0]!.detail as { before: object }).before)).not.toContain(
      'alertWebhookUrl',
    );
  });

  it('writes no audit entry when nothing changes', async () => {
    const before = await quorum.services.store.listAudit(contoso.org.id, { limit: 1000 });
    const { status } = await quorum.api(megan, 'PATCH', '/api/org/settings', {
      allowMemberDisconnect: false,
    });
    expect(status).toBe(200);
    const after = await quorum.services.store.listAudit(contoso.org.id, { limit: 1000 });
    expect(after.entries).toHaveLength(before.entries.length);
  });

  it('keeps a webhook URL (https, loopback allowed in the local default) and audits only its fingerprint', async () => {
    const url = 'https://127.0.0.1:8443/hooks/T0001/B0002/s3cr3t-token?key=abc';
    const { status, body } = await quorum.api<OrgSettings>(megan, 'PATCH', '/api/org/settings', {
      alertWebhookUrl: url,
    });
    expect(status).toBe(200);
    expect(body.alertWebhookUrl).toBe(url);
    const { entries } = await quorum.services.store.listAudit(contoso.org.id, { limit: 1 });
    const text = JSON.stringify(entries[0]);
    expect(text).not.toContain('s3cr3t-token');
    expect(text).not.toContain('key=abc');
    expect(entries[0]?.detail).toMatchObject({
      after: {
        alertWebhookUrl: expect.stringMatching(
          /^https:\/\/127\.0\.0\.1:8443\/… \(sha256:[0-9a-f]{12}\)$/,
        ),
      },
    });
  });

  const valid = { allowMemberDisconnect: true };
  it.each<[string, unknown, string, string]>([
    ['an empty patch', {}, 'ERR_VALIDATION', ''],
    ['an unknown setting', { ...valid, colour: 'blue' }, 'ERR_VALIDATION', ''],
    [
      'a string for a boolean',
      { allowMemberDisconnect: 'yes' },
      'ERR_VALIDATION',
      'allowMemberDisconnect',
    ],
    [
      'a policy where busy does not block',
      { ...valid, freeBusyPolicy: { blocking: ['oof'], unknownBlocks: true } },
      'ERR_VALIDATION',
      'freeBusyPolicy.blocking',
    ],
    [
      'a policy with a repeated status',
      { ...valid, freeBusyPolicy: { blocking: ['busy', 'busy'], unknownBlocks: true } },
      'ERR_VALIDATION',
      'freeBusyPolicy.blocking',
    ],
    [
      'a policy where free blocks',
      { ...valid, freeBusyPolicy: { blocking: ['busy', 'free'], unknownBlocks: true } },
      'ERR_VALIDATION',
      'freeBusyPolicy.blocking.1',
    ],
    [
      'a policy without unknownBlocks',
      { ...valid, freeBusyPolicy: { blocking: ['busy'] } },
      'ERR_VALIDATION',
      'freeBusyPolicy.unknownBlocks',
    ],
    [
      'group provisioning without a group',
      { ...valid, provisioning: { mode: 'group' } },
      'ERR_VALIDATION',
      'provisioning.groupId',
    ],
    [
      'group provisioning with a group that is not a GUID',
      { ...valid, provisioning: { mode: 'group', groupId: 'sales' } },
      'ERR_VALIDATION',
      'provisioning.groupId',
    ],
    [
      'an unknown provisioning mode',
      { ...valid, provisioning: { mode: 'everyone' } },
      'ERR_VALIDATION',
      'provisioning.mode',
    ],
    [
      'a service mailbox that is not an address',
      { ...valid, serviceMailbox: 'events' },
      'ERR_VALIDATION',
      'serviceMailbox',
    ],
    [
      "a service mailbox outside the org's tenants",
      { ...valid, serviceMailbox: 'events@fabrikam.com' },
      'ERR_VALIDATION',
      'serviceMailbox',
    ],
    [
      'an http webhook',
      { ...valid, alertWebhookUrl: 'http://hooks.example.com/quorum' },
      'ERR_WEBHOOK_URL_UNSAFE',
      'alertWebhookUrl',
    ],
    [
      'a webhook with credentials',
      { ...valid, alertWebhookUrl: 'https://user:pw@hooks.example.com/quorum' },
      'ERR_WEBHOOK_URL_UNSAFE',
      'alertWebhookUrl',
    ],
    [
      'a webhook that is not a URL',
      { ...valid, alertWebhookUrl: 'hooks' },
      'ERR_WEBHOOK_URL_UNSAFE',
      'alertWebhookUrl',
    ],
    [
      'a webhook URL over 2048 characters',
      { ...valid, alertWebhookUrl: `https://hooks.example.com/${'a'.repeat(2048)}` },
      'ERR_VALIDATION',
      'alertWebhookUrl',
    ],
    [
      'a number for the webhook',
      { ...valid, alertWebhookUrl: 42 },
      'ERR_VALIDATION',
      'alertWebhookUrl',
    ],
  ])('refuses %s with %s and writes nothing', async (_what, patch, code, path) => {
    const { status, body } = await quorum.api<Problem>(megan, 'PATCH', '/api/org/settings', patch);
    expect(status).toBe(400);
    expect(body.code).toBe(code);
    expect(body.errors?.map((e) => e.path)).toContain(path);
    expect(await settingsNow()).toEqual(DEFAULT_ORG_SETTINGS);
  });

  it('refuses a JSON array body', async () => {
    const { status, body } = await quorum.api<Problem>(megan, 'PATCH', '/api/org/settings', [
      valid,
    ]);
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_VALIDATION');
  });
});

describe('PATCH /api/org/settings outside the local default', () => {
  let strict: TestQuorum;
  beforeAll(async () => {
    strict = await startQuorum({
      emulator: quorum.emulator,
      env: { QUORUM_ALLOW_PRIVATE_WEBHOOKS: 'false' },
    });
    await createConnectedOrg(strict, 'fabrikam');
    await signIn(strict, 'fabrikam.com', 'kim.akers@fabrikam.com');
  });
  afterAll(async () => {
    await strict.close();
  });
  const kim = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };

  it.each([
    ['loopback', 'https://127.0.0.1/alerts'],
    ['a loopback name', 'https://localhost:8443/alerts'],
    ['a private network', 'https://10.1.2.3/alerts'],
    ['another private network', 'https://192.168.0.10/alerts'],
    ['cloud metadata (link-local)', 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'https://[::1]/alerts'],
    ['IPv6 unique-local', 'https://[fd00::5]/alerts'],
    ['IPv4-mapped private', 'https://[::ffff:10.0.0.1]/alerts'],
  ])('refuses a webhook on %s with ERR_WEBHOOK_URL_UNSAFE', async (_what, url) => {
    const { status, body } = await strict.api<Problem>(kim, 'PATCH', '/api/org/settings', {
      alertWebhookUrl: url,
    });
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_WEBHOOK_URL_UNSAFE');
  });

  it('accepts a webhook on a public address', async () => {
    const { status, body } = await strict.api<OrgSettings>(kim, 'PATCH', '/api/org/settings', {
      alertWebhookUrl: 'https://52.96.0.1/quorum-alerts',
    });
    expect(status).toBe(200);
    expect(body.alertWebhookUrl).toBe('https://52.96.0.1/quorum-alerts');
  });
});
