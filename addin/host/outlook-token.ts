// Tokens for Quorum's API inside Outlook, in the order Microsoft documents: nested app
// authentication where the host supports it (NestedAppAuth 1.1); else the legacy Office SSO
// (`OfficeRuntime.auth.getAccessToken`, which the XML manifest's WebApplicationInfo enables);
// else msal's own sign-in window.
import type { OfficeApi } from '../taskpane/office-api.js';
import type { AppConfig } from './app-config.js';
import { HostAuthError } from './host-adapter.js';
import { createNaaTokenSource, type NaaOptions, type TokenSource } from './outlook-naa.js';

/** `OfficeRuntime.auth`, the legacy Office SSO API (office.js). */
export interface OfficeRuntimeAuth {
  getAccessToken(options?: {
    allowSignInPrompt?: boolean;
    allowConsentPrompt?: boolean;
  }): Promise<string>;
}

export type TokenMethod = 'naa' | 'legacy-sso' | 'popup';

export interface OutlookTokenOptions {
  readonly office: OfficeApi;
  readonly config: AppConfig;
  /** `OfficeRuntime.auth` when office.js provides it. */
  readonly officeRuntimeAuth?: OfficeRuntimeAuth;
  /** Builds the msal token source (NAA, or a plain popup where no NAA bridge exists); tests pass a fake. */
  readonly msal?: (config: AppConfig, options: NaaOptions) => Promise<TokenSource>;
}

// The user closed the sign-in or consent prompt: trying another way would only ask again.
const USER_ABORTED = 13002;

function officeErrorCode(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : null;
}

export async function outlookTokenSource(
  options: OutlookTokenOptions,
): Promise<{ readonly method: TokenMethod; readonly getToken: TokenSource }> {
  const { office, config } = options;
  const msal = options.msal ?? createNaaTokenSource;
  const loginHint = office.context.mailbox.userProfile.emailAddress || undefined;
  const msalOptions: NaaOptions = loginHint ? { loginHint } : {};
  if (office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) {
    return { method: 'naa', getToken: await msal(config, msalOptions) };
  }
  const legacy = options.officeRuntimeAuth;
  if (!legacy) return { method: 'popup', getToken: await msal(config, msalOptions) };

  let popup: TokenSource | null = null;
  const getToken: TokenSource = async (request) => {
    if (popup) return popup(request);
    try {
      // Office caches the SSO token and renews it itself; there is no forced refresh to ask for.
      return await legacy.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
    } catch (error) {
      if (officeErrorCode(error) === USER_ABORTED) {
        throw new HostAuthError('sign_in_failed', 'Sign-in was cancelled.', error);
      }
      // 13000 (not supported), 13003 (account type), 13012 (sideloaded), consent and others.
      popup = await msal(config, msalOptions);
      return popup(request);
    }
  };
  return { method: 'legacy-sso', getToken };
}
