// Shared setup for the Graph conformance suite: an in-process emulator on a movable clock, Quorum
// consented in Contoso, app-only tokens from the real token endpoint (msal-node) or minted with
// chosen claims, and a raw HTTPS client that returns exact status, headers and bodies.
import { Client } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { grantConsent, startEmulator, TENANTS, type TestEmulator } from '../../support/emulator.js';

export { TENANTS };

export interface GraphTestbed {
  emu: TestEmulator;
  clock: { now(): number; advance(ms: number): void };
  /** A token from the emulator's token endpoint through msal-node (Quorum's own path). */
  token(tenant?: string): Promise<string>;
  /** A Graph token minted directly with chosen claims (for auth edge cases). */
  mint(claims?: Record<string, unknown>, tenant?: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  control(method: string, path: string, body?: unknown): Promise<RawResponse>;
  graphClient(token: string): Client;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

/** Starts an emulator with Quorum consented in Contoso and Fabrikam. */
export async function startGraphTestbed(): Promise<GraphTestbed> {
  let now = Date.parse('2025-03-03T16:00:00Z'); // a Monday; DST starts in the US on 9 March
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const emu = await startEmulator({ now: clock.now });
  await grantConsent(emu, TENANTS.contoso.id);
  await grantConsent(emu, TENANTS.fabrikam.id);
  const { confidentialClient } = await import('../../support/emulator.js');
  const cache = new Map<string, string>();
  const dispatcher = new Agent({ connect: { ca: emu.ca.certPem } });

  const token = async (tenant: string = TENANTS.contoso.id) => {
    const hit = cache.get(tenant);
    if (hit) return hit;
    const cca = confidentialClient(emu, { tenant });
    const result = await cca.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
      authority: emu.authority(tenant),
    });
    if (!result) throw new Error('no token');
    cache.set(tenant, result.accessToken);
    return result.accessToken;
  };

  const mint = async (
    claims: Record<string, unknown> = {},
    tenant: string = TENANTS.contoso.id,
  ) => {
    const t = Math.floor(clock.now() / 1000);
    return emu.keys.sign({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${tenant}/`,
      iat: t,
      nbf: t,
      exp: t + 3600,
      appid: emu.quorumApp.clientId,
      idtyp: 'app',
      tid: tenant,
      ver: '1.0',
      roles: ['User.Read.All', 'Calendars.ReadWrite', 'MailboxSettings.Read', 'Place.Read.All'],
      ...claims,
    });
  };

  const call: GraphTestbed['call'] = async (method, path, options = {}) => {
    const auth = options.token === undefined ? await token() : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (auth) headers.authorization = `Bearer ${auth}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const url = path.startsWith('https://') ? path : `${emu.graphUrl}${path}`;
    const res = await emu.fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers as unknown as Headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };

  const control: GraphTestbed['control'] = async (method, path, body) => {
    const res = await emu.fetch(`${emu.graphUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers as unknown as Headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };

  const graphClient = (accessToken: string) =>
    Client.init({
      baseUrl: emu.graphUrl,
      defaultVersion: 'v1.0',
      // Host only: the SDK drops the port when matching custom hosts (graph-facts §8.5).
      customHosts: new Set([new URL(emu.graphUrl).hostname]),
      // Node's fetch accepts an undici dispatcher: the SDK then trusts the emulator's CA.
      fetchOptions: { dispatcher } as RequestInit,
      authProvider: (done) => done(null, accessToken),
    });

  return {
    emu,
    clock,
    token,
    mint,
    call,
    control,
    graphClient,
    close: async () => {
      await dispatcher.close();
      await emu.close();
    },
  };
}

/** A `dateTimeTimeZone` in UTC for an ISO instant. */
export function utc(iso: string): { dateTime: string; timeZone: string } {
  return { dateTime: iso.replace(/Z$/, ''), timeZone: 'UTC' };
}
