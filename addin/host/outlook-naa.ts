// Tokens for Quorum's API inside Outlook through nested app authentication (NAA): msal-browser's
// nestable client asks the Office host for the token. Where the host has no NAA bridge, msal falls
// back to its standard client, and the documented fallback (a popup sign-in) takes over.
import {
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { AppConfig } from './app-config.js';
import { HostAuthError } from './host-adapter.js';

/** Gets a token for Quorum's API; `forceRefresh` after a 401. */
export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;

export interface NaaOptions {
  /** The Office user's email (`Office.context.mailbox.userProfile.emailAddress`), a login hint. */
  readonly loginHint?: string;
  /** A ready client (tests); by default the nestable client is created from `config`. */
  readonly msal?: IPublicClientApplication;
}

/**
 * A token source over NAA. Silent first (the host usually holds a session); when the host asks for
 * interaction, a popup — which NAA routes through the host's own sign-in UI.
 */
export async function createNaaTokenSource(
  config: AppConfig,
  options: NaaOptions = {},
): Promise<TokenSource> {
  const scopes = [config.apiScope];
  const msal =
    options.msal ??
    (await createNestablePublicClientApplication({
      auth: {
        clientId: config.clientId,
        authority: config.authority,
        knownAuthorities: [...config.knownAuthorities],
        // NAA's registered SPA redirect URI is brk-multihub://<domain>; the popup fallback needs ours.
        redirectUri: `${config.publicUrl}/auth/callback`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    }));
  const hint = options.loginHint ? { loginHint: options.loginHint } : {};
  return async ({ forceRefresh = false } = {}) => {
    const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
    try {
      const result = await msal.acquireTokenSilent({
        scopes,
        forceRefresh,
        ...(account ? { account } : {}),
        ...hint,
      });
      msal.setActiveAccount(result.account);
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError) && account) {
        throw new HostAuthError('sign_in_failed', 'Outlook could not sign you in.', error);
      }
      try {
        const result = await msal.acquireTokenPopup({ scopes, ...hint });
        msal.setActiveAccount(result.account);
        return result.accessToken;
      } catch (popupError) {
        throw new HostAuthError('sign_in_failed', 'Outlook could not sign you in.', popupError);
      }
    }
  };
}
