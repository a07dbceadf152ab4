// Where the pane runs decides its host: the demo's frame (the fake Office host and the demo's
// signed-in user), Outlook (Office.js, with the token order of outlook-token.ts), or neither.
import type { AppConfig } from '../host/app-config.js';
import type { HostAdapter } from '../host/host-adapter.js';
import { createOutlookHost } from '../host/outlook.js';
import { outlookTokenSource, type OfficeRuntimeAuth } from '../host/outlook-token.js';
import { withTimeout } from '../host/timeout.js';
import { appointmentOf } from './appointment.js';
import { demoBridgeOf } from './demo-bridge.js';
import type { OfficeApi, OfficeAppointmentCompose } from './office-api.js';

export type PaneStart =
  | {
      readonly kind: 'ready';
      readonly office: OfficeApi;
      readonly item: OfficeAppointmentCompose;
      readonly host: HostAdapter;
    }
  /** In Outlook, but not on a meeting the user organizes (no item). */
  | { readonly kind: 'no-item'; readonly host: HostAdapter }
  | { readonly kind: 'outside-outlook' };

export interface PaneStartOptions {
  readonly window: Window;
  loadConfig(): Promise<AppConfig>;
  /** The global `Office` of office.js, if it loaded. */
  readonly office: OfficeApi | undefined;
  /** The global `OfficeRuntime.auth`, if office.js provides it. */
  readonly officeRuntimeAuth?: OfficeRuntimeAuth;
  readonly readyTimeoutMs?: number;
}

function started(office: OfficeApi, host: HostAdapter): PaneStart {
  const item = appointmentOf(office);
  return item ? { kind: 'ready', office, item, host } : { kind: 'no-item', host };
}

export async function startPane(options: PaneStartOptions): Promise<PaneStart> {
  const win = options.window;
  const bridge = demoBridgeOf(win);
  if (bridge) {
    const host = createOutlookHost({
      office: bridge.office,
      window: win,
      getToken: bridge.getToken,
    });
    return started(bridge.office, host);
  }
  const office = options.office;
  if (!office) return { kind: 'outside-outlook' };
  let info: { host: unknown };
  try {
    info = await withTimeout(office.onReady(), options.readyTimeoutMs ?? 10_000, 'Office.onReady');
  } catch {
    return { kind: 'outside-outlook' };
  }
  // Outside an Office host, office.js still loads and reports no host.
  if (info.host !== 'Outlook') return { kind: 'outside-outlook' };
  const tokens = await outlookTokenSource({
    office,
    config: await options.loadConfig(),
    ...(options.officeRuntimeAuth ? { officeRuntimeAuth: options.officeRuntimeAuth } : {}),
  });
  return started(office, createOutlookHost({ office, window: win, getToken: tokens.getToken }));
}
