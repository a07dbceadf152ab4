// Hears consent results announced by the consent result page on the `quorum-consent`
// BroadcastChannel: from a popup whose `opener` was cut on Microsoft's pages, from the activation
// link opened in another window of this browser, or from another Quorum tab.
import { useEffect, useRef } from 'react';
import {
  CONSENT_CHANNEL,
  parseConsentMessage,
  type ConsentMessage,
} from '../api/consent-result.js';

/** Calls `onResult` for every consent result announced in this browser while mounted. */
export function useConsentResults(onResult: (message: ConsentMessage) => void): void {
  const latest = useRef(onResult);
  useEffect(() => {
    latest.current = onResult;
  }, [onResult]);
  useEffect(() => {
    if (typeof BroadcastChannel !== 'function') return undefined;
    const channel = new BroadcastChannel(CONSENT_CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      const message = parseConsentMessage(event.data);
      if (message) latest.current(message);
    };
    return () => channel.close();
  }, []);
}
