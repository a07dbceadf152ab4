// Outbound webhook URLs: https only, no credentials, and no internal address after DNS resolution.
import { describe, expect, it } from 'vitest';
import {
  assertSafeWebhookUrl,
  isInternalAddress,
  type HostLookup,
} from '../../server/notifications/webhook-url.js';

const resolvesTo =
  (...addresses: string[]): HostLookup =>
  () =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1',
    '10.20.30.40',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'not-an-address',
  ])('treats %s as internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '52.96.0.1', '172.32.0.1', '2603:1036::1', '::ffff:52.96.0.1'])(
    'treats %s as public',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );
});

describe('assertSafeWebhookUrl', () => {
  const strict = { allowPrivate: false };

  it('returns the URL and the public addresses its host resolved to', async () => {
    const safe = await assertSafeWebhookUrl('https://hooks.example.com/q?x=1', {
      ...strict,
      lookup: resolvesTo('52.96.0.1', '2603:1036::1'),
    });
    expect(safe.url.href).toBe('https://hooks.example.com/q?x=1');
    expect(safe.addresses.map((a) => a.address)).toEqual(['52.96.0.1', '2603:1036::1']);
  });

  it.each<[string, string, HostLookup | undefined, string]>([
    ['plain http', 'http://hooks.example.com/', resolvesTo('52.96.0.1'), 'not_https'],
    ['another scheme', 'ftp://hooks.example.com/', resolvesTo('52.96.0.1'), 'not_https'],
    ['not a URL', 'hooks.example.com/x', undefined, 'invalid'],
    ['a user name', 'https://me@hooks.example.com/', resolvesTo('52.96.0.1'), 'credentials'],
    ['a name that does not resolve', 'https://nowhere.invalid/', resolvesTo(), 'unresolvable'],
    [
      'a lookup failure',
      'https://nowhere.invalid/',
      () => Promise.reject(new Error('ENOTFOUND')),
      'unresolvable',
    ],
    ['a private answer', 'https://hooks.example.com/', resolvesTo('10.0.0.7'), 'private_address'],
    [
      'one private answer among public ones',
      'https://hooks.example.com/',
      resolvesTo('52.96.0.1', '169.254.169.254'),
      'private_address',
    ],
    ['a loopback literal', 'https://127.0.0.1/', undefined, 'private_address'],
    ['an IPv6 loopback literal', 'https://[::1]:8443/', undefined, 'private_address'],
    ['a decimal loopback literal', 'https://2130706433/', undefined, 'private_address'],
  ])('refuses %s', async (_what, url, lookup, problem) => {
    await expect(
      assertSafeWebhookUrl(url, { ...strict, ...(lookup ? { lookup } : {}) }),
    ).rejects.toMatchObject({ name: 'UnsafeWebhookUrlError', problem });
  });

  it('allows private addresses in the local default without resolving, but still only https', async () => {
    const lookup: HostLookup = () => Promise.reject(new Error('must not resolve'));
    const safe = await assertSafeWebhookUrl('https://localhost:9443/alerts', {
      allowPrivate: true,
      lookup,
    });
    expect(safe.addresses).toEqual([]);
    await expect(
      assertSafeWebhookUrl('http://localhost:9443/alerts', { allowPrivate: true, lookup }),
    ).rejects.toMatchObject({ problem: 'not_https' });
  });
});
