// The Teams host: teams-js for context, SSO tokens, the auth popup and theme changes. Every call is
// bounded by a timeout, because outside Teams (or with a silent parent frame) teams-js never answers.
import {
  HostAuthError,
  type HostAdapter,
  type HostContext,
  type PopupOutcome,
  type ThemeName,
} from './host-adapter.js';
import { themeFromTeams } from './theme-names.js';
import { withTimeout } from './timeout.js';

/** The part of teams-js Quorum uses; the real module satisfies it, tests pass a fake. */
export interface TeamsSdk {
  app: {
    initialize(validMessageOrigins?: string[]): Promise<void>;
    getContext(): Promise<TeamsContext>;
    registerOnThemeChangeHandler(handler: (theme: string) => void): void;
  };
  authentication: {
    getAuthToken(request?: { silent?: boolean; claims?: string[] }): Promise<string>;
    authenticate(params: { url: string; width?: number; height?: number }): Promise<string>;
  };
}

/** The fields of teams-js `app.Context` Quorum reads. */
export interface TeamsContext {
  app: { locale: string; theme: string; host: { name: string } };
  user?: { loginHint?: string; userPrincipalName?: string; tenant?: { id: string } };
}

export interface TeamsHostOptions {
  /** Quorum's origin: Teams opens popups only on the app's own domain (`/auth/start` goes on). */
  pageOrigin: string;
  /** Bound for `initialize` and `getContext` (default 5 s). */
  initTimeoutMs?: number;
  /** Bound for `getAuthToken` (default 15 s: Teams may show a consent prompt first). */
  tokenTimeoutMs?: number;
}

// teams-js rejects with plain strings such as `resourceRequiresConsent` or `CancelledByUser`.
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether a rejected `authenticate` carries a Quorum result page's message (JSON whose `type` starts
 * with `quorum:`): the consent page hands a declined or failed consent to `notifyFailure`, and
 * teams-js rejects with that string. It is a finished result, not a broken window.
 */
function isQuorumResult(reason: string): boolean {
  try {
    const value = JSON.parse(reason) as { type?: unknown } | null;
    return typeof value?.type === 'string' && value.type.startsWith('quorum:');
  } catch {
    return false;
  }
}

/**
 * Connects to Teams. Rejects (instead of hanging) when the page is not inside Teams: `initialize`
 * fails at once in a top-level window and never answers in a frame whose parent is not Teams.
 */
export async function createTeamsHost(
  sdk: TeamsSdk,
  options: TeamsHostOptions,
): Promise<HostAdapter> {
  const initTimeoutMs = options.initTimeoutMs ?? 5_000;
  const tokenTimeoutMs = options.tokenTimeoutMs ?? 15_000;
  try {
    await withTimeout(sdk.app.initialize(), initTimeoutMs, 'Teams app.initialize');
  } catch (error) {
    throw new HostAuthError('not_in_host', `Not running inside Teams: ${reasonOf(error)}`, error);
  }
  const ctx = await withTimeout(sdk.app.getContext(), initTimeoutMs, 'Teams app.getContext');

  const listeners = new Set<(theme: ThemeName) => void>();
  let theme = themeFromTeams(ctx.app.theme);
  sdk.app.registerOnThemeChangeHandler((name) => {
    theme = themeFromTeams(name);
    for (const listener of listeners) listener(theme);
  });

  const context: HostContext = {
    kind: 'teams',
    hostName: ctx.app.host.name,
    get theme() {
      return theme;
    },
    locale: ctx.app.locale,
    loginHint: ctx.user?.loginHint ?? ctx.user?.userPrincipalName ?? null,
    tenantId: ctx.user?.tenant?.id ?? null,
  };

  return {
    context,
    async getToken() {
      // Teams caches and refreshes the SSO token itself; a forced refresh is just another call.
      try {
        return await withTimeout(
          sdk.authentication.getAuthToken(),
          tokenTimeoutMs,
          'Teams authentication.getAuthToken',
        );
      } catch (error) {
        const reason = reasonOf(error);
        if (/consent/i.test(reason)) {
          throw new HostAuthError(
            'consent_required',
            'Quorum needs consent before Teams can sign you in. Ask a tenant administrator to grant it.',
            error,
          );
        }
        throw new HostAuthError('sign_in_failed', `Teams could not sign you in: ${reason}`, error);
      }
    },
    async openPopup(url, popup = {}): Promise<PopupOutcome> {
      try {
        const result = await withTimeout(
          sdk.authentication.authenticate({
            url:
              new URL(url).origin === options.pageOrigin
                ? url
                : `${options.pageOrigin}/auth/start#${encodeURIComponent(url)}`,
            width: popup.width ?? 600,
            height: popup.height ?? 640,
          }),
          popup.timeoutMs ?? 10 * 60_000,
          'Teams authentication.authenticate',
        );
        return { kind: 'completed', result };
      } catch (error) {
        const reason = reasonOf(error);
        if (isQuorumResult(reason)) return { kind: 'completed', result: reason };
        // Closing the window is the normal way to finish a page that does not call notifySuccess.
        if (/CancelledByUser/i.test(reason)) return { kind: 'closed' };
        if (error instanceof Error && error.name === 'HostTimeoutError') return { kind: 'closed' };
        throw new HostAuthError('sign_in_failed', `The Teams window failed: ${reason}`, error);
      }
    },
    onThemeChange(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
}
