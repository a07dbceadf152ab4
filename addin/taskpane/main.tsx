// The Outlook task pane page (`/taskpane`): finds its host (Outlook, or the demo's fake Office host),
// then shows the scheduler for the meeting being written.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from '../api/client.js';
import { loadAppConfig } from '../host/app-config.js';
import type { OfficeRuntimeAuth } from '../host/outlook-token.js';
import { themeFromMedia } from '../host/theme-names.js';
import { SessionContext } from '../ui/session.js';
import { ThemedRoot } from '../ui/themed-root.js';
import type { OfficeApi } from './office-api.js';
import { browserTimeZone, organizerTimeZone } from './organizer-time-zone.js';
import { OutsideOutlook } from './outside-outlook.js';
import { startPane } from './pane-host.js';
import { TaskPaneApp } from './taskpane-app.js';
import { StartupError } from '../tab/startup-error.js';

// Through the CSSOM, which the page's CSP allows (no inline style text).
document.body.style.margin = '0';

const root = createRoot(document.getElementById('root')!);
const fallbackTheme = themeFromMedia((q) => window.matchMedia(q));
const globals = globalThis as {
  Office?: OfficeApi;
  OfficeRuntime?: { auth?: OfficeRuntimeAuth };
};

async function boot(): Promise<void> {
  const start = await startPane({
    window,
    loadConfig: () => loadAppConfig(),
    office: globals.Office,
    ...(globals.OfficeRuntime?.auth ? { officeRuntimeAuth: globals.OfficeRuntime.auth } : {}),
  });
  if (start.kind !== 'ready') {
    root.render(
      <ThemedRoot host={start.kind === 'no-item' ? start.host : null} fallback={fallbackTheme}>
        <OutsideOutlook inOutlook={start.kind === 'no-item'} />
      </ThemedRoot>,
    );
    return;
  }
  const { host, office, item } = start;
  const api = new ApiClient({ getToken: (o) => host.getToken(o) });
  const timeZone = organizerTimeZone(office, browserTimeZone);
  root.render(
    <StrictMode>
      <SessionContext.Provider value={{ host, api }}>
        <ThemedRoot host={host} fallback={fallbackTheme}>
          <TaskPaneApp office={office} item={item} timeZone={timeZone} />
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
