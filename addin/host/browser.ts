// The plain-browser host: sign-in with authorization code + PKCE through msal-browser against the
// configured authority (Entra, or the emulator and its user picker), tokens for Quorum's API, a
// window.open popup, and the theme from `prefers-color-scheme` or the user's choice.
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { AppConfig } from './app-config.js';
import {
  HostAuthError,
  type HostAdapter,
  type ThemeName,
  type ThemePreference,
} from './host-adapter.js';
import { openPopupWindow } from './popup-window.js';
import { themeFromMedia } from './theme-names.js';

/** Where the msal redirect lands (registered as a SPA redirect URI in appPackage/aad.manifest.json). */
export const REDIRECT_PATH = '/auth/callback';

const THEME_KEY = 'quorum.theme';

/** The msal configuration for `config`; exported for tests of the authorize request. */
export function msalConfiguration(
  config: AppConfig,
  origin: string,
  overrides: Partial<Configuration['auth']> = {},
): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: [...config.knownAuthorities],
      redirectUri: `${origin}${REDIRECT_PATH}`,
      postLogoutRedirectUri: `${origin}/tab`,
      ...overrides,
    },
    // Per tab: closing the tab signs out, and no token outlives the browser session.
    cache: { cacheLocation: 'sessionStorage' },
  };
}

/** A browser session: signed in (with a host), or waiting for the user to sign in. */
export interface BrowserSession {
  readonly host: HostAdapter | null;
  /** Navigates to the authority's sign-in page (the emulator's user picker). */
  signIn(loginHint?: string): Promise<void>;
}

export interface BrowserHostOptions {
  readonly window: Window;
  /** A ready msal instance (tests); by default one is built from `config` and initialized. */
  readonly msal?: IPublicClientApplication;
}

function readPreference(win: Window): ThemePreference {
  const forced = new URL(win.location.href).searchParams.get('theme');
  const stored = forced ?? win.localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' || stored === 'contrast' ? stored : 'system';
}

/** Finishes a pending redirect, then returns the signed-in session or one that can sign in. */
export async function createBrowserSession(
  config: AppConfig,
  options: BrowserHostOptions,
): Promise<BrowserSession> {
  const win = options.window;
  const scopes = [config.apiScope];
  let msal = options.msal;
  if (!msal) {
    msal = new PublicClientApplication(msalConfiguration(config, win.location.origin));
    await msal.initialize();
  }
  const app = msal;
  const redirect = await app.handleRedirectPromise();
  const account: AccountInfo | null =
    redirect?.account ?? app.getActiveAccount() ?? app.getAllAccounts()[0] ?? null;

  const signIn = async (loginHint?: string) => {
    // msal drops login_hint under prompt=select_account; a hint preselects the account instead.
    await app.loginRedirect({
      scopes,
      ...(loginHint ? { loginHint } : { prompt: 'select_account' }),
      redirectStartPage: win.location.href,
    });
  };
  if (!account) return { host: null, signIn };
  app.setActiveAccount(account);

  const media = (q: string) => win.matchMedia(q);
  let preference = readPreference(win);
  const listeners = new Set<(theme: ThemeName) => void>();
  const current = () => (preference === 'system' ? themeFromMedia(media) : preference);
  let theme = current();
  const update = () => {
    const next = current();
    if (next === theme) return;
    theme = next;
    for (const listener of listeners) listener(theme);
  };
  for (const q of ['(prefers-color-scheme: dark)', '(forced-colors: active)']) {
    win.matchMedia(q).addEventListener('change', update);
  }

  const host: HostAdapter = {
    context: {
      kind: 'browser',
      hostName: 'Browser',
      get theme() {
        return theme;
      },
      locale: win.navigator.language.toLowerCase(),
      loginHint: account.username || null,
      tenantId: account.tenantId || null,
    },
    async getToken(tokenOptions = {}) {
      try {
        const result = await app.acquireTokenSilent({
          scopes,
          account,
          forceRefresh: tokenOptions.forceRefresh ?? false,
        });
        return result.accessToken;
      } catch (error) {
        if (error instanceof InteractionRequiredAuthError) {
          await app.acquireTokenRedirect({ scopes, account, redirectStartPage: win.location.href });
          throw new HostAuthError('interaction_required', 'Signing in again…', error);
        }
        throw new HostAuthError('sign_in_failed', 'Could not get a token for Quorum.', error);
      }
    },
    openPopup: (url, popup) => openPopupWindow(win, url, popup),
    onThemeChange(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    async signOut() {
      // The emulator (and Entra) end the session at the authority; locally the cache is cleared.
      await app.clearCache({ account });
      win.location.assign(`${win.location.origin}/tab`);
    },
    themeSwitch: {
      get preference() {
        return preference;
      },
      set(next) {
        preference = next;
        win.localStorage.setItem(THEME_KEY, next);
        update();
      },
    },
  };
  return { host, signIn };
}
