// Outbound alert webhook URLs (DESIGN §9): HTTPS, no credentials in the URL, and never an address on
// a private, loopback, link-local or otherwise non-public network — checked when the URL is saved
// and again on every delivery, after DNS resolution, so a name re-pointed inside is still refused.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address (A and AAAA). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface SafeWebhookTarget {
  url: URL;
  /** The checked addresses; deliveries connect to these and nothing else. */
  addresses: ResolvedAddress[];
}

const MAX_URL_LENGTH = 2048;

/** Special-purpose ranges (RFC 6890 and successors) that are not the public internet. */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address an IPv6 one embeds by translation (mapped, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/.exec(lower);
  const pair = hex ?? sixToFour;
  if (!pair) return undefined;
  const hi = Number.parseInt(pair[1]!, 16);
  const lo = Number.parseInt(pair[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** True for addresses on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined) return isPublicAddress(v4);
  return !NON_PUBLIC.check(address, 'ipv6');
}

function refuse(detail: string): AppError {
  return new AppError('ERR_WEBHOOK_URL_UNSAFE', { detail });
}

/**
 * Checks an alert webhook URL and resolves its host; throws `ERR_WEBHOOK_URL_UNSAFE` saying why.
 * With `allowPrivateWebhooks` (the local default) private addresses and plain `http:` are allowed.
 */
export async function assertSafeWebhookUrl(
  raw: string,
  config: Pick<Config, 'allowPrivateWebhooks'>,
  options: { lookup?: HostLookup } = {},
): Promise<SafeWebhookTarget> {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH || !URL.canParse(raw)) {
    throw refuse('The webhook URL is not a valid absolute URL.');
  }
  const url = new URL(raw);
  const allowPrivate = config.allowPrivateWebhooks;
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw refuse('The webhook URL must use https.');
  }
  if (url.username !== '' || url.password !== '') {
    throw refuse('The webhook URL must not carry a user name or password.');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      throw refuse(`The webhook host ${host} does not resolve.`);
    }
    if (addresses.length === 0) throw refuse(`The webhook host ${host} does not resolve.`);
  }
  if (!allowPrivate) {
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside) {
      throw refuse(
        `The webhook host ${host} resolves to ${inside.address}, a private, loopback or link-local address.`,
      );
    }
  }
  return { url, addresses };
}
