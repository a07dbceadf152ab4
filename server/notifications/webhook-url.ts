// Outbound webhook URLs (DESIGN §9): HTTPS only, no credentials in the URL, and — outside the local
// default — no host that resolves to a private, loopback, link-local or otherwise internal address,
// so an org admin cannot point Quorum's alerts at services inside Quorum's own network.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Why a webhook URL was refused. */
export type WebhookUrlProblem =
  'invalid' | 'not_https' | 'credentials' | 'unresolvable' | 'private_address';

/** A refused webhook URL; `message` is safe to show the admin who entered it. */
export class UnsafeWebhookUrlError extends Error {
  override readonly name = 'UnsafeWebhookUrlError';
  constructor(
    readonly problem: WebhookUrlProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** `dns.promises.lookup(host, { all: true })`, injectable for tests. */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface WebhookUrlOptions {
  /** `config.allowPrivateWebhooks`: the local default, where the receiver runs on the same machine. */
  readonly allowPrivate: boolean;
  readonly lookup?: HostLookup;
}

export interface SafeWebhookUrl {
  readonly url: URL;
  /**
   * The addresses checked (empty when `allowPrivate` skipped resolution). A sender should connect to
   * one of these rather than resolve again, so a DNS answer that changes in between cannot slip past.
   */
  readonly addresses: readonly ResolvedAddress[];
}

/** Special-purpose ranges (IANA IPv4/IPv6 special registries) that must never receive alerts. */
const BLOCKED = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // private
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local (cloud metadata services live here)
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ];
  const v6: [string, number][] = [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['64:ff9b::', 96], // NAT64: embeds an IPv4 address
    ['64:ff9b:1::', 48], // local-use NAT64
    ['100::', 64], // discard-only
    ['2002::', 16], // 6to4: embeds an IPv4 address
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

/** True when `address` (IPv4, IPv6 or IPv4-mapped IPv6) is in a range alerts may not reach. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // BlockList matches IPv4-mapped IPv6 (`::ffff:10.0.0.1`) against the IPv4 rules.
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/**
 * Checks an outbound webhook URL and returns it parsed with the addresses it resolved to. Throws
 * `UnsafeWebhookUrlError` for anything but an `https:` URL without credentials whose host resolves
 * only to public addresses (every address must pass: one internal answer is enough to refuse).
 */
export async function assertSafeWebhookUrl(
  raw: string,
  options: WebhookUrlOptions,
): Promise<SafeWebhookUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError('invalid', 'The webhook URL is not an absolute URL.');
  }
  if (url.protocol !== 'https:') {
    throw new UnsafeWebhookUrlError('not_https', 'The webhook URL must use https.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeWebhookUrlError(
      'credentials',
      'The webhook URL may not carry a user name or password.',
    );
  }
  if (options.allowPrivate) return { url, addresses: [] };

  // `new URL` keeps IPv6 literals in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: readonly ResolvedAddress[];
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw new UnsafeWebhookUrlError(
        'unresolvable',
        `The webhook host ${host} does not resolve to an address.`,
      );
    }
  }
  const internal = addresses.find((a) => isInternalAddress(a.address));
  if (internal) {
    throw new UnsafeWebhookUrlError(
      'private_address',
      `The webhook host ${host} points at ${internal.address}, a private, loopback or link-local address.`,
    );
  }
  return { url, addresses };
}
