// How the task pane finds the demo's fake Office host: `/demo` puts it on its own window and loads
// the real pane in a same-origin frame with `?host=demo`; the pane looks it up on its parent. A
// cross-origin parent (Outlook itself) cannot be read, so Outlook never takes this path.
import type { TokenSource } from '../host/outlook-naa.js';
import type { OfficeApi } from './office-api.js';

export const DEMO_BRIDGE_KEY = 'quorumDemo';

/** What the demo page offers the pane frame: its fake Office and its signed-in user's tokens. */
export interface DemoBridge {
  readonly office: OfficeApi;
  readonly getToken: TokenSource;
}

function isBridge(value: unknown): value is DemoBridge {
  const v = value as Partial<DemoBridge> | null | undefined;
  return typeof v?.getToken === 'function' && typeof v.office?.onReady === 'function';
}

/** The demo bridge, when this page is the pane frame of `/demo`; otherwise null. */
export function demoBridgeOf(win: Window): DemoBridge | null {
  if (new URL(win.location.href).searchParams.get('host') !== 'demo') return null;
  if (win.parent === win) return null;
  try {
    const bridge = (win.parent as unknown as Record<string, unknown>)[DEMO_BRIDGE_KEY];
    return isBridge(bridge) ? bridge : null;
  } catch {
    // A cross-origin parent throws on access: not the demo.
    return null;
  }
}
