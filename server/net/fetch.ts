// Outbound HTTP transport: undici fetch whose TLS trusts the system roots plus an optional extra CA
// (the emulator's, locally). Certificate verification is never turned off.
import tls from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

/** The fetch signature Quorum's outbound clients take (the platform's `fetch`). */
export type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface CreateFetchOptions {
  /** Extra CA certificate(s), PEM, trusted in addition to Node's bundled roots. */
  readonly caPem?: string | readonly string[];
  /** Milliseconds to wait for a TCP+TLS connection. Defaults to 10 s. */
  readonly connectTimeoutMs?: number;
}

/**
 * Creates a fetch with its own connection pool. With `caPem`, servers whose chain ends at that CA
 * are trusted too; everything else is verified against the system roots as usual.
 */
export function createFetch(options: CreateFetchOptions = {}): Fetch {
  const extra = options.caPem === undefined ? [] : [options.caPem].flat();
  // One secure context for every connection: building it from ~140 root certificates per TLS
  // handshake was the single largest CPU cost of talking to Graph (measured: ~45% of a busy profile).
  const secureContext =
    extra.length > 0
      ? tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] })
      : undefined;
  const dispatcher = new Agent({
    connect: {
      ...(secureContext ? { secureContext } : {}),
      timeout: options.connectTimeoutMs ?? 10_000,
    },
  });
  // undici's Request/Response are the platform's own classes in a newer version; the shapes agree.
  return (input, init) =>
    undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    }) as unknown as Promise<Response>;
}
