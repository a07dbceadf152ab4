// The Outlook demo page (`/demo`): signs in through the plain-browser host (the emulator's
// authorize endpoint), builds the appointment and the fake Office host, offers both to the task
// pane frame, and keeps the fake host's theme in step with the page's.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from '../api/client.js';
import { getMe } from '../api/me.js';
import { loadAppConfig } from '../host/app-config.js';
import { createBrowserSession } from '../host/browser.js';
import type { ThemeName } from '../host/host-adapter.js';
import { themeFromMedia } from '../host/theme-names.js';
import { StartupError } from '../tab/startup-error.js';
import { DEMO_BRIDGE_KEY, type DemoBridge } from '../taskpane/demo-bridge.js';
import { fetchRooms } from '../taskpane/schedule-api.js';
import { ThemedRoot } from '../ui/themed-root.js';
import { AppointmentStore } from './appointment-store.js';
import { createCallFeed } from './call-feed.js';
import { DemoApp } from './demo-app.js';
import { demoAppointment } from './demo-seed.js';
import { DemoSignIn } from './demo-sign-in.js';
import { createFakeOffice } from './fake-office.js';

// Through the CSSOM, which the page's CSP allows (no inline style text).
document.body.style.margin = '0';

/** Outlook's body background per theme (the pane derives its theme from it, as in Outlook). */
const OFFICE_BACKGROUND: Record<ThemeName, string> = {
  light: '#ffffff',
  dark: '#292929',
  contrast: '#000000',
};

const root = createRoot(document.getElementById('root')!);
const fallbackTheme = themeFromMedia((q) => window.matchMedia(q));

async function boot(): Promise<void> {
  const config = await loadAppConfig();
  const session = await createBrowserSession(config, { window });
  const host = session.host;
  if (!host) {
    root.render(
      <ThemedRoot host={null} fallback={fallbackTheme}>
        <DemoSignIn onSignIn={() => session.signIn()} />
      </ThemedRoot>,
    );
    return;
  }
  const getToken: DemoBridge['getToken'] = (o) => host.getToken(o);
  const organizer = host.context.loginHint;
  const store = new AppointmentStore(demoAppointment(new Date(), organizer));
  const feed = createCallFeed();
  const roomNames = new Map<string, string>();
  const api = new ApiClient({ getToken });
  const me = await getMe(api).catch((error: unknown) => {
    console.warn('GET /api/me failed; the demo goes on without it.', error);
    return null;
  });
  const office = createFakeOffice({
    store,
    user: {
      emailAddress: organizer ?? '',
      displayName: organizer ?? '',
      // Like Outlook, the mailbox's zone (Quorum read it from the mailbox settings).
      ...(me?.calendar?.timeZone ? { timeZone: me.calendar.timeZone } : {}),
    },
    roomName: (email) => roomNames.get(email.toLowerCase()),
    theme: { bodyBackgroundColor: OFFICE_BACKGROUND[host.context.theme] },
    onCall: (call) => feed.push(call),
  });
  host.onThemeChange((theme) => office.setTheme({ bodyBackgroundColor: OFFICE_BACKGROUND[theme] }));
  // Outlook shows a booked room by its name; the demo learns the names from Quorum's room list.
  fetchRooms(api).then(
    (answer) => answer.rooms.forEach((r) => roomNames.set(r.email.toLowerCase(), r.displayName)),
    (error: unknown) => console.warn('Rooms could not be listed; rooms show by address.', error),
  );
  const bridge: DemoBridge = { office, getToken };
  (window as unknown as Record<string, unknown>)[DEMO_BRIDGE_KEY] = bridge;

  root.render(
    <StrictMode>
      <ThemedRoot host={host} fallback={fallbackTheme}>
        <DemoApp host={host} store={store} feed={feed} me={me} />
      </ThemedRoot>
    </StrictMode>,
  );
}

boot().catch((error: unknown) => {
  root.render(
    <ThemedRoot host={null} fallback={fallbackTheme}>
      <StartupError error={error} />
    </ThemedRoot>,
  );
});
