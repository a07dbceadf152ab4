// The consent result page's script: the popup-result script announcing on the consent channel.
import { popupResultScript, type PopupResultScriptOptions } from '../web/popup-result-script.js';

/** The BroadcastChannel every consent result is announced on. */
export const CONSENT_CHANNEL = 'quorum-consent';

/** The inline script of the consent result page. */
export function consentPageScript(options: Omit<PopupResultScriptOptions, 'channel'>): string {
  return popupResultScript({ ...options, channel: CONSENT_CHANNEL });
}
