// The public values a page needs to sign in (served by Quorum at /app-config.json). Nothing secret.

export interface AppConfig {
  /** Quorum's Entra application (client) id. */
  readonly clientId: string;
  /** `https://login.microsoftonline.com/organizations`, or the emulator's equivalent. */
  readonly authority: string;
  /** Hosts msal-browser may trust without Microsoft's instance discovery (the emulator's login host). */
  readonly knownAuthorities: readonly string[];
  /** The scope of Quorum's API that every page asks a token for. */
  readonly apiScope: string;
  /** Quorum's public origin: the base of redirect URIs. */
  readonly publicUrl: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks the shape of `/app-config.json`; a page built for another server version fails loudly. */
export function parseAppConfig(value: unknown): AppConfig {
  const v = (value ?? {}) as Record<string, unknown>;
  const strings = ['clientId', 'authority', 'apiScope', 'publicUrl'] as const;
  for (const key of strings) {
    if (typeof v[key] !== 'string' || v[key] === '') {
      throw new Error(`/app-config.json: ${key} is missing`);
    }
  }
  if (!isStringArray(v.knownAuthorities)) {
    throw new Error('/app-config.json: knownAuthorities must be a list of hosts');
  }
  return {
    clientId: v.clientId as string,
    authority: v.authority as string,
    knownAuthorities: v.knownAuthorities,
    apiScope: v.apiScope as string,
    publicUrl: v.publicUrl as string,
  };
}

/** Loads `/app-config.json` from the page's own origin. */
export async function loadAppConfig(fetchFn: typeof fetch = fetch): Promise<AppConfig> {
  const res = await fetchFn('/app-config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`/app-config.json answered ${res.status}`);
  return parseAppConfig(await res.json());
}
