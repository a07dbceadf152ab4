// `/app-config.json`: the public values a page needs to sign users in. Nothing here is secret.
import type { Config } from '../config.js';

/** The shape `addin/host/app-config.ts` parses. */
export interface WebAppConfig {
  readonly clientId: string;
  readonly authority: string;
  readonly knownAuthorities: readonly string[];
  readonly apiScope: string;
  readonly publicUrl: string;
}

/**
 * Multi-tenant sign-in (`/organizations`), and the API scope named by client id: Entra accepts
 * `{appId}/access_as_user`, and it stays valid whatever host the Application ID URI names.
 */
export function webAppConfig(config: Config): WebAppConfig {
  return {
    clientId: config.clientId,
    authority: `${config.authorityHost}/organizations`,
    knownAuthorities: [new URL(config.authorityHost).host],
    apiScope: `${config.clientId}/access_as_user`,
    publicUrl: config.publicUrl,
  };
}
