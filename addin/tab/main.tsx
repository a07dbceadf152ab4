// The Teams tab page (`/tab`): connects to the host (Teams, else the plain browser), then shows the
// admin or member view for the signed-in user.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from '../api/client.js';
import { loadAppConfig } from '../host/app-config.js';
import { connectTabHost } from '../host/connect.js';
import { themeFromMedia } from '../host/theme-names.js';
import { SessionContext } from '../ui/session.js';
import { ThemedRoot } from '../ui/themed-root.js';
import { SignInScreen } from './sign-in-screen.js';
import { StartupError } from './startup-error.js';
import { TabApp } from './tab-app.js';
import '../ui/page.css';

const root = createRoot(document.getElementById('root')!);
const fallbackTheme = themeFromMedia((q) => window.matchMedia(q));

async function boot(): Promise<void> {
  const config = await loadAppConfig();
  const session = await connectTabHost(config, {
    window,
    loadTeams: async () => {
      const teams = await import('@microsoft/teams-js');
      return { app: teams.app, authentication: teams.authentication };
    },
  });
  const host = session.host;
  if (!host) {
    root.render(
      <StrictMode>
        <ThemedRoot host={null} fallback={fallbackTheme}>
          <SignInScreen onSignIn={() => session.signIn()} />
        </ThemedRoot>
      </StrictMode>,
    );
    return;
  }
  const api = new ApiClient({ getToken: (o) => host.getToken(o) });
  root.render(
    <StrictMode>
      <SessionContext.Provider value={{ host, api }}>
        <ThemedRoot host={host} fallback={fallbackTheme}>
          <TabApp />
        </ThemedRoot>
      </SessionContext.Provider>
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
