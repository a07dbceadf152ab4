import { describe, expect, it } from 'vitest';
import { assertSafeWebhookUrl, isPublicAddress } from '../../server/connections/webhook-url.js';

const STRICT = { allowPrivateWebhooks: false };
const resolvesTo =
  (...addresses: string[]) =>
  () =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 })),
    );

describe('alert webhook URLs', () => {
  it.each([
    ['plain http', 'http://hooks.example.com/q', resolvesTo('93.184.216.34')],
    ['credentials in the URL', 'https://user:pw@hooks.example.com/q', resolvesTo('93.184.216.34')],
    ['not a URL', 'hooks.example.com/q', resolvesTo('93.184.216.34')],
    ['loopback', 'https://127.0.0.1/q', resolvesTo()],
    ['a private network', 'https://10.1.2.3/q', resolvesTo()],
    ['the cloud metadata address', 'https://169.254.169.254/latest', resolvesTo()],
    ['IPv6 loopback', 'https://[::1]/q', resolvesTo()],
    ['IPv6 unique local', 'https://[fd00::1]/q', resolvesTo()],
    ['IPv6 link-local', 'https://[fe80::1]/q', resolvesTo()],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/q', resolvesTo()],
    ['NAT64 of a private address', 'https://[64:ff9b::a00:1]/q', resolvesTo()],
    ['a name that resolves inside', 'https://hooks.example.com/q', resolvesTo('192.168.1.20')],
    [
      'a name with one inside answer among public ones',
      'https://hooks.example.com/q',
      resolvesTo('93.184.216.34', '10.0.0.7'),
    ],
    ['localhost', 'https://localhost/q', resolvesTo('127.0.0.1', '::1')],
    [
      'a name that does not resolve',
      'https://nowhere.example/q',
      () => Promise.reject(new Error('ENOTFOUND')),
    ],
  ])('refuses %s with ERR_WEBHOOK_URL_UNSAFE', async (_, url, lookup) => {
    await expect(assertSafeWebhookUrl(url, STRICT, { lookup })).rejects.toMatchObject({
      code: 'ERR_WEBHOOK_URL_UNSAFE',
      status: 400,
    });
  });

  it('accepts an https URL whose every address is public, and returns them', async () => {
    const target = await assertSafeWebhookUrl('https://hooks.example.com/q?x=1', STRICT, {
      lookup: resolvesTo('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'),
    });
    expect(target.url.href).toBe('https://hooks.example.com/q?x=1');
    expect(target.addresses).toHaveLength(2);
  });

  it('allows private addresses and http in the local default', async () => {
    const target = await assertSafeWebhookUrl('http://127.0.0.1:8080/q', {
      allowPrivateWebhooks: true,
    });
    expect(target.addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it.each([
    ['8.8.8.8', true],
    ['100.64.0.1', false],
    ['198.18.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['2001:4860:4860::8888', true],
    ['2001:db8::1', false],
    ['2002:0a00:0001::1', false],
    ['::ffff:8.8.8.8', true],
    ['not-an-ip', false],
  ])('classifies %s as public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
