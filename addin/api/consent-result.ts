// The consent result page's message (server/connections/consent-page.ts): announced on the
// `quorum-consent` BroadcastChannel, posted to a Quorum opener, and handed to Teams as a string.

/** The BroadcastChannel the consent result page announces on. */
export const CONSENT_CHANNEL = 'quorum-consent';

export interface ConsentMessage {
  type: 'quorum:consent';
  ok: boolean;
  status: 'connected' | 'verifying' | 'failed';
  code: string | null;
  connectionId: string | null;
  tenantId: string | null;
  reason: string | null;
}

const STATUSES = new Set<unknown>(['connected', 'verifying', 'failed']);

/** The message in `value` (an object, or its JSON text), or null when it is not a consent result. */
export function parseConsentMessage(value: unknown): ConsentMessage | null {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Partial<ConsentMessage>;
  return message.type === 'quorum:consent' && STATUSES.has(message.status)
    ? (message as ConsentMessage)
    : null;
}
