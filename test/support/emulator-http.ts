// HTTP clients that trust the emulator's CA: an undici fetch for tests and an msal-node
// `INetworkModule` built on it (msal-node 7 has no CA option of its own; its default client is
// the global fetch, so a custom `system.networkClient` is the supported seam).
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from 'undici';

export type EmulatorFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** A fetch whose TLS connections trust `caPem` (in addition to nothing else: the emulator only). */
export function caTrustingFetch(caPem: string): EmulatorFetch {
  const dispatcher = new Agent({ connect: { ca: caPem } });
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}

function headerRecord(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

/** msal-node network client over a CA-trusting fetch; mirrors msal's own HttpClient contract. */
export function msalNetworkClient(caPem: string): INetworkModule {
  const fetch = caTrustingFetch(caPem);
  async function send<T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const res = await fetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const text = await res.text();
    return {
      headers: headerRecord(res),
      body: (text ? JSON.parse(text) : {}) as T,
      status: res.status,
    };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}
