// Chooses the host a page runs in. Teams first when the page is framed (or `?host=teams`): if
// teams-js does not answer, the page is not in Teams and the plain browser takes over.
import type { AppConfig } from './app-config.js';
import { createBrowserSession, type BrowserSession } from './browser.js';
import { HostAuthError } from './host-adapter.js';
import { createTeamsHost, type TeamsSdk } from './teams.js';

export interface ConnectOptions {
  readonly window: Window;
  /** Loads teams-js on demand, so pages outside Teams never download or initialise it. */
  readonly loadTeams: () => Promise<TeamsSdk>;
  readonly teamsTimeoutMs?: number;
}

/** True when the page may be inside Teams: framed, embedded in a native client, or told so. */
export function mayBeInTeams(win: Window): boolean {
  const host = new URL(win.location.href).searchParams.get('host');
  if (host === 'teams') return true;
  if (host === 'browser') return false;
  const framed = win.parent !== win;
  return framed || 'nativeInterface' in win;
}

/** Connects to Teams when possible, else to the plain browser (which may still need a sign-in). */
export async function connectTabHost(
  config: AppConfig,
  options: ConnectOptions,
): Promise<BrowserSession> {
  const win = options.window;
  if (mayBeInTeams(win)) {
    try {
      const sdk = await options.loadTeams();
      const host = await createTeamsHost(sdk, {
        pageOrigin: win.location.origin,
        initTimeoutMs: options.teamsTimeoutMs ?? 5_000,
      });
      return {
        host,
        signIn: () => Promise.reject(new HostAuthError('not_in_host', 'Teams signs you in.')),
      };
    } catch (error) {
      // Framed by something that is not Teams (a demo page, a preview): the browser flow works there.
      console.warn('Teams did not answer; continuing as a plain browser page.', error);
    }
  }
  return createBrowserSession(config, { window: win });
}
