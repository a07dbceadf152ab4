// The one interface every surface talks to its host through: Teams (teams-js), Outlook (Office.js +
// nested app authentication) or a plain browser (msal-browser, authorization code + PKCE).

/** The three Teams themes Fluent UI ships; every host's theme maps to one of them. */
export type ThemeName = 'light' | 'dark' | 'contrast';

export type HostKind = 'teams' | 'outlook' | 'browser';

/** A theme the user picks where the host does not decide (the plain browser); `system` follows the OS. */
export type ThemePreference = ThemeName | 'system';

/** What the host tells us about where we run. Hints only: identity comes from the token. */
export interface HostContext {
  readonly kind: HostKind;
  /** The host application, e.g. `Teams`, `Outlook`, `Office`, or `Browser`. */
  readonly hostName: string;
  readonly theme: ThemeName;
  /** BCP 47 tag, e.g. `en-us`. */
  readonly locale: string;
  /** The signed-in user's UPN or email, when the host knows it (a login hint, never proof). */
  readonly loginHint: string | null;
  readonly tenantId: string | null;
}

/** How a popup (consent, personal-calendar sign-in) ended. */
export type PopupOutcome =
  | { readonly kind: 'completed'; readonly result: string | null }
  | { readonly kind: 'closed' }
  | { readonly kind: 'blocked' };

export interface PopupOptions {
  readonly width?: number;
  readonly height?: number;
  /** Gives up (and reports `closed`) after this long; the server state is the source of truth anyway. */
  readonly timeoutMs?: number;
}

/** A host: context, a bearer token for Quorum's API, popups, and theme changes. */
export interface HostAdapter {
  readonly context: HostContext;
  /**
   * An access token for Quorum's API (`access_as_user`). `forceRefresh` skips any cache, for a
   * retry after the server answered 401.
   */
  getToken(options?: { readonly forceRefresh?: boolean }): Promise<string>;
  /**
   * Opens `url` (same origin as Quorum or Microsoft's sign-in) in a window the host allows: Teams
   * routes it through `authentication.authenticate`, because Microsoft's pages do not render in its frame.
   */
  openPopup(url: string, options?: PopupOptions): Promise<PopupOutcome>;
  /** Calls `handler` when the host's theme changes; returns an unsubscribe function. */
  onThemeChange(handler: (theme: ThemeName) => void): () => void;
  /** Ends the session where the host allows it (the plain browser); absent elsewhere. */
  signOut?(): Promise<void>;
  /** A theme switch, where the host does not set the theme itself (the plain browser). */
  readonly themeSwitch?: {
    readonly preference: ThemePreference;
    set(preference: ThemePreference): void;
  };
}

/** A host call that did not answer in time (teams-js hangs outside Teams instead of failing). */
export class HostTimeoutError extends Error {
  override readonly name = 'HostTimeoutError';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${operation} did not answer within ${timeoutMs} ms`);
  }
}

/** The host could not give a token or context; `code` is stable for tests and messages. */
export class HostAuthError extends Error {
  override readonly name = 'HostAuthError';
  constructor(
    readonly code:
      | 'not_in_host'
      | 'consent_required'
      | 'interaction_required'
      | 'sign_in_failed'
      | 'popup_blocked',
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
