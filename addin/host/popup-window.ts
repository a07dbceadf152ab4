// A plain browser popup (window.open) that reports how it ended: a message from Quorum's own
// origin (the consent and personal-calendar pages post one to their opener), closed, or blocked.
import type { PopupOptions, PopupOutcome } from './host-adapter.js';

/** Opens `url` and waits for a same-origin message whose `type` starts with `quorum:`. */
export function openPopupWindow(
  win: Window,
  url: string,
  options: PopupOptions = {},
): Promise<PopupOutcome> {
  const width = options.width ?? 600;
  const height = options.height ?? 640;
  const left = Math.max(0, win.screenX + (win.outerWidth - width) / 2);
  const top = Math.max(0, win.screenY + (win.outerHeight - height) / 2);
  const popup = win.open(
    url,
    'quorum-popup',
    `popup,width=${width},height=${height},left=${left},top=${top}`,
  );
  if (!popup) return Promise.resolve({ kind: 'blocked' });
  return new Promise((resolve) => {
    const finish = (outcome: PopupOutcome) => {
      win.clearInterval(poll);
      win.clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(outcome);
    };
    const onMessage = (event: MessageEvent) => {
      // Only Quorum's own pages may report; anything else could be forged by another window.
      if (event.origin !== win.location.origin) return;
      const data = event.data as { type?: unknown } | null;
      if (typeof data?.type !== 'string' || !data.type.startsWith('quorum:')) return;
      finish({ kind: 'completed', result: JSON.stringify(data) });
    };
    win.addEventListener('message', onMessage);
    // A cross-origin hop (Microsoft's sign-in) may sever `opener`, and then `closed` reads true
    // once the popup is back on Quorum: by then the server has recorded the outcome.
    const poll = win.setInterval(() => {
      if (popup.closed) finish({ kind: 'closed' });
    }, 400);
    const timer = win.setTimeout(
      () => finish({ kind: 'closed' }),
      options.timeoutMs ?? 10 * 60_000,
    );
  });
}
