// The Outlook host: Office.js for context and theme, a token source from outlook-token.ts, and
// ordinary browser popups (Outlook on the web and new Outlook allow them from a task pane).
import type { OfficeApi } from '../taskpane/office-api.js';
import type { HostAdapter, HostContext, ThemeName } from './host-adapter.js';
import type { TokenSource } from './outlook-naa.js';
import { themeFromOffice } from './outlook-theme.js';
import { openPopupWindow } from './popup-window.js';

export interface OutlookHostOptions {
  readonly office: OfficeApi;
  readonly window: Window;
  readonly getToken: TokenSource;
}

const FORCED_COLORS = '(forced-colors: active)';

export function createOutlookHost(options: OutlookHostOptions): HostAdapter {
  const { office, window: win } = options;
  const forced = win.matchMedia(FORCED_COLORS);
  const current = () => themeFromOffice(office.context.officeTheme, forced.matches);
  let theme = current();
  const listeners = new Set<(theme: ThemeName) => void>();
  const update = () => {
    const next = current();
    if (next === theme) return;
    theme = next;
    for (const listener of listeners) listener(theme);
  };
  forced.addEventListener('change', update);
  try {
    // OfficeThemeChanged is Mailbox 1.14; older Outlooks keep the theme they started with.
    office.context.mailbox.addHandlerAsync(office.EventType.OfficeThemeChanged, update);
  } catch {
    // Not supported here: the pane keeps its first theme.
  }

  const profile = office.context.mailbox.userProfile;
  const context: HostContext = {
    kind: 'outlook',
    hostName: 'Outlook',
    get theme() {
      return theme;
    },
    locale: (office.context.displayLanguage || win.navigator.language).toLowerCase(),
    loginHint: profile.emailAddress || null,
    tenantId: null,
  };

  return {
    context,
    getToken: (request) => options.getToken(request),
    openPopup: (url, popup) => openPopupWindow(win, url, popup),
    onThemeChange(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
}
