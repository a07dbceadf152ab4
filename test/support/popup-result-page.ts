// Runs the inline script of a page that ends a popup flow (web/popup-result-script.ts) in a VM,
// against stand-ins for the browser objects it touches: BroadcastChannel, the opener, the document
// and teams-js.
import { runInNewContext } from 'node:vm';

export interface Opener {
  /** The opener's origin; null when reading it throws (another origin, as Teams' window is). */
  origin: string | null;
}

export interface Run {
  broadcasts: { channel: string; message: unknown }[];
  posted: { message: unknown; targetOrigin: string }[];
  scripts: { src: string; nonce: string }[];
  teams: { call: string; result?: string }[];
  /** Fires the teams-js script's `onload` with a teams-js stand-in on `window`. */
  loadTeams(): Promise<void>;
}

/** Runs the page's inline script; returns its nonce, the embedded result and what the script did. */
export function runResultPage(
  html: string,
  opener: Opener | null,
): { nonce: string; message: unknown; run: Run } {
  const json = /<script type="application\/json" id="result">([^<]*)<\/script>/.exec(html)!;
  const inline = /<script nonce="([^"]+)">([\s\S]*?)<\/script>/.exec(html)!;
  const run: Run = {
    broadcasts: [],
    posted: [],
    scripts: [],
    teams: [],
    loadTeams: async () => {},
  };
  const elements: { src: string; nonce: string; onload?: () => void }[] = [];
  const window: Record<string, unknown> = {};
  class BroadcastChannel {
    constructor(readonly name: string) {}
    postMessage(message: unknown) {
      run.broadcasts.push({ channel: this.name, message: structuredClone(message) });
    }
    close() {}
  }
  window.opener = opener && {
    get location() {
      if (opener.origin === null) throw new Error('SecurityError: cross-origin');
      return { origin: opener.origin };
    },
    postMessage(message: unknown, targetOrigin: string) {
      run.posted.push({ message, targetOrigin });
    },
  };
  const document = {
    getElementById: (id: string) => (id === 'result' ? { textContent: json[1] } : null),
    createElement: () => {
      const element = { src: '', nonce: '' };
      elements.push(element);
      return element;
    },
    head: {
      appendChild: (el: { src: string; nonce: string }) =>
        run.scripts.push({ src: el.src, nonce: el.nonce }),
    },
  };
  run.loadTeams = async () => {
    window.microsoftTeams = {
      app: { initialize: () => Promise.resolve() },
      authentication: {
        notifySuccess: (result: string) => run.teams.push({ call: 'notifySuccess', result }),
        notifyFailure: (result: string) => run.teams.push({ call: 'notifyFailure', result }),
      },
    };
    for (const el of elements) el.onload?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  runInNewContext(inline[2]!, { window, document, BroadcastChannel, JSON });
  return { nonce: inline[1]!, message: JSON.parse(json[1]!) as unknown, run };
}
