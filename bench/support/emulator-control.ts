// The emulator's control API (`/_emulator`, docs/emulator.md) as the benches drive it: latency,
// request statistics, and user tokens for calling Quorum as a member.
import { createFetch } from '../../server/net/fetch.js';

export type EmulatorControl = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export function emulatorControl(target: { loginUrl: string; caPem: string }): EmulatorControl {
  const fetch = createFetch({ caPem: target.caPem });
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${target.loginUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** A user token for `upn` of `tenant`, valid for an hour: a member's bearer token for Quorum's API. */
export async function userToken(
  control: EmulatorControl,
  tenant: string,
  upn: string,
): Promise<string> {
  const { access_token: token } = await control<{ access_token: string }>('POST', '/tokens/user', {
    tenant,
    upn,
    expiresInSeconds: 3600,
  });
  return token;
}
