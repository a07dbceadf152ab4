// What "Grant admin consent now" tells the admin for each way the consent window ends, including a
// declined consent that Teams hands back through notifyFailure (a result, never an uncaught error).
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CONSENT_CHANNEL as UI_CHANNEL,
  parseConsentMessage,
  type ConsentMessage,
} from '../../addin/api/consent-result.js';
import { createTeamsHost, type TeamsSdk } from '../../addin/host/teams.js';
import { consentToast } from '../../addin/tab/admin/consent-toast.js';
import type { ConsentMessage as ServerConsentMessage } from '../../server/connections/consent-page.js';
import { CONSENT_CHANNEL } from '../../server/connections/consent-page-script.js';

const message = (fields: Partial<ConsentMessage>): string =>
  JSON.stringify({
    type: 'quorum:consent',
    ok: false,
    status: 'failed',
    code: null,
    connectionId: null,
    tenantId: null,
    reason: null,
    ...fields,
  });

describe('the consent result message', () => {
  it('has the server’s shape and channel', () => {
    expectTypeOf<ConsentMessage>().toEqualTypeOf<ServerConsentMessage>();
    expect(UI_CHANNEL).toBe(CONSENT_CHANNEL);
  });

  it.each([
    ['not JSON', 'CancelledByUser'],
    ['another message type', '{"type":"quorum:personal-calendar","ok":true}'],
    ['an unknown status', message({ status: 'done' as never })],
    ['null', null],
  ])('is not read from %s', (_, value) => {
    expect(parseConsentMessage(value)).toBeNull();
  });
});

describe('consentToast', () => {
  it.each([
    [
      'connected',
      message({ ok: true, status: 'connected' }),
      { intent: 'success', title: 'Tenant connected' },
    ],
    [
      'still being applied',
      message({ ok: true, status: 'verifying' }),
      {
        intent: 'info',
        title: 'Consent received',
        body: 'Microsoft is still applying it; Quorum keeps checking.',
      },
    ],
    [
      'declined',
      message({ code: 'ERR_CONSENT_DENIED' }),
      {
        intent: 'error',
        title: 'The tenant is not connected',
        body: 'Consent was declined, or this account may not grant admin consent. (ERR_CONSENT_DENIED)',
      },
    ],
    [
      'consented but not readable',
      message({ code: 'ERR_CONNECTION_VERIFICATION_FAILED', reason: 'consent_missing' }),
      {
        intent: 'error',
        title: 'The tenant is not connected',
        body: 'Admin consent missing (ERR_CONNECTION_VERIFICATION_FAILED, consent_missing)',
      },
    ],
    [
      'failed with a code it has no words for',
      message({ code: 'ERR_CONSENT_SIGN_IN_FAILED' }),
      {
        intent: 'error',
        title: 'The tenant is not connected',
        body: 'The consent did not complete. (ERR_CONSENT_SIGN_IN_FAILED)',
      },
    ],
  ])('tells the admin a consent %s', (_, result, toast) => {
    expect(consentToast({ kind: 'completed', result })).toEqual(toast);
  });

  it('says nothing when the window only closed or answered something else', () => {
    expect(consentToast({ kind: 'closed' })).toBeNull();
    expect(consentToast({ kind: 'completed', result: 'ok' })).toBeNull();
  });

  it('tells the admin a blocked window can be replaced by the activation link', () => {
    expect(consentToast({ kind: 'blocked' })).toMatchObject({
      intent: 'error',
      title: 'The sign-in window was blocked',
    });
  });

  it('reads a consent Teams rejected through notifyFailure as declined', async () => {
    const declined = message({ code: 'ERR_CONSENT_DENIED' });
    const sdk: TeamsSdk = {
      app: {
        initialize: () => Promise.resolve(),
        getContext: () =>
          Promise.resolve({ app: { locale: 'en-us', theme: 'default', host: { name: 'Teams' } } }),
        registerOnThemeChangeHandler: () => undefined,
      },
      authentication: {
        getAuthToken: () => Promise.resolve('t'),
        // What teams-js does with notifyFailure(reason) in the authentication window.
        authenticate: () => Promise.reject(new Error(declined)),
      },
    };
    const host = await createTeamsHost(sdk, { pageOrigin: 'https://quorum.example.com' });
    const outcome = await host.openPopup('https://login.microsoftonline.com/x/adminconsent');
    expect(consentToast(outcome)).toEqual({
      intent: 'error',
      title: 'The tenant is not connected',
      body: 'Consent was declined, or this account may not grant admin consent. (ERR_CONSENT_DENIED)',
    });
  });
});
