// What the admin is told when the "Grant admin consent now" window ends: connected, still being
// applied, declined or failed (with the reason in words and its code), or blocked. A window that
// just closed says nothing: the connection list, refreshed anyway, is the truth.
import { parseConsentMessage } from '../../api/consent-result.js';
import type { StatusReason } from '../../api/status-types.js';
import type { PopupOutcome } from '../../host/host-adapter.js';
import { REASON_LABELS } from '../../ui/labels.js';

export interface ConsentToast {
  intent: 'success' | 'info' | 'error';
  title: string;
  body?: string;
}

/** Consent failures (server/http/error-codes/connections.ts) an admin can act on, in words. */
const FAILURES: Record<string, string> = {
  ERR_CONSENT_DENIED: 'Consent was declined, or this account may not grant admin consent.',
  ERR_CONSENT_NOT_TENANT_ADMIN:
    'The account that signed in is not a Global or Privileged Role Administrator of the tenant.',
  ERR_CONSENT_TENANT_MISMATCH: 'The account that signed in belongs to another tenant.',
  ERR_CONSENT_STATE_EXPIRED: 'The consent link expired; try again.',
  ERR_CONSENT_STATE_REPLAYED: 'The consent link was already used; try again.',
};

function failureText(code: string | null, reason: string | null): string {
  const label = reason ? REASON_LABELS[reason as StatusReason] : undefined;
  const words = label ?? (code ? FAILURES[code] : undefined) ?? 'The consent did not complete.';
  const codes = [code, reason].filter(Boolean).join(', ');
  return codes ? `${words} (${codes})` : words;
}

/** The toast for how the consent window ended, or null when there is nothing to say. */
export function consentToast(outcome: PopupOutcome): ConsentToast | null {
  if (outcome.kind === 'blocked') {
    return {
      intent: 'error',
      title: 'The sign-in window was blocked',
      body: 'Allow pop-ups, or use the activation link.',
    };
  }
  if (outcome.kind === 'closed') return null;
  const message = parseConsentMessage(outcome.result);
  switch (message?.status) {
    case 'connected':
      return { intent: 'success', title: 'Tenant connected' };
    case 'verifying':
      return {
        intent: 'info',
        title: 'Consent received',
        body: 'Microsoft is still applying it; Quorum keeps checking.',
      };
    case 'failed':
      return {
        intent: 'error',
        title: 'The tenant is not connected',
        body: failureText(message.code, message.reason),
      };
    default:
      return null;
  }
}
