// Starts the emulator in-process for tests and builds HTTP clients that trust its CA — the
// official msal-node through a custom network client, plain fetch through an undici Agent.
// TLS verification is never turned off.
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import {
  createEmulator,
  LOCAL_QUORUM_APP,
  type Emulator,
  type EmulatorOptions,
} from '../../emulator/emulator.js';
import { caTrustingFetch, msalNetworkClient, type EmulatorFetch } from './emulator-http.js';

/** Tenants of the bundled scenarios. */
export const TENANTS = {
  contoso: { id: 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d', domain: 'contoso.com' },
  fabrikam: { id: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a', domain: 'fabrikam.com' },
  publisher: { id: LOCAL_QUORUM_APP.homeTenantId, domain: 'quorumdev.onmicrosoft.com' },
} as const;

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export interface TestEmulator extends Emulator {
  /** fetch that trusts the emulator CA (undici); pass `redirect: 'manual'` to see redirects. */
  fetch: EmulatorFetch;
  /** `host:port` of the login host, for msal's `knownAuthorities`. */
  knownAuthority: string;
  /** `https://host:port/{tenant}`. */
  authority(tenant: string): string;
  /** Resolves a tenant's GUID from a scenario name, domain or id. */
  tenantId(tenant: string): string;
}

/** Starts an emulator on free ports; call `close()` in afterAll. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await createEmulator(options);
  const fetch = caTrustingFetch(emulator.ca.certPem);
  return Object.assign(emulator, {
    fetch,
    knownAuthority: new URL(emulator.loginUrl).host,
    authority: (tenant: string) => `${emulator.loginUrl}/${tenant}`,
    tenantId(tenant: string) {
      const found = emulator.world.findTenant(tenant);
      if (!found) throw new Error(`no tenant ${tenant} in the emulator`);
      return found.id;
    },
  });
}

export type ClientCredential =
  | { clientSecret: string }
  | { clientCertificate: NonNullable<Configuration['auth']['clientCertificate']> };

export interface ConfidentialClientOptions {
  /** Tenant GUID or domain of the default authority. Default: Contoso. */
  tenant?: string;
  clientId?: string;
  /** Default: Quorum's local secret. */
  credential?: ClientCredential;
}

/** An msal-node ConfidentialClientApplication pointed at the emulator, trusting its CA. */
export function confidentialClient(
  emu: TestEmulator,
  options: ConfidentialClientOptions = {},
): ConfidentialClientApplication {
  const credential = options.credential ?? { clientSecret: emu.quorumApp.clientSecret };
  return new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId ?? emu.quorumApp.clientId,
      authority: emu.authority(options.tenant ?? TENANTS.contoso.id),
      knownAuthorities: [emu.knownAuthority],
      ...credential,
    },
    system: { networkClient: msalNetworkClient(emu.ca.certPem) },
  });
}

/** POSTs a form to the emulator's token endpoint and returns status, headers and JSON body. */
export async function postToken(
  emu: TestEmulator,
  tenant: string,
  form: Record<string, string>,
  init: { headers?: Record<string, string>; query?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const url = `${emu.loginUrl}/${tenant}/oauth2/v2.0/token${init.query ?? ''}`;
  const res = await emu.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: res.status,
    headers: res.headers as unknown as Headers,
    body: (await res.json()) as Record<string, unknown>,
  };
}

/** Calls the control API (`/_emulator/...` on the login host) with a JSON body. */
export async function control<T = Record<string, unknown>>(
  emu: TestEmulator,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await emu.fetch(`${emu.loginUrl}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Grants Quorum's app (or `appId`) admin consent in a tenant through the control API. */
export async function grantConsent(
  emu: TestEmulator,
  tenant: string,
  options: { appId?: string; roles?: string[] } = {},
): Promise<void> {
  const { status, body } = await control(emu, 'POST', `/tenants/${tenant}/consent`, {
    appId: options.appId ?? emu.quorumApp.clientId,
    roles: options.roles,
  });
  if (status !== 201) throw new Error(`consent failed: ${JSON.stringify(body)}`);
}
