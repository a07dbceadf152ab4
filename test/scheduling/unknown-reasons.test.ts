import { describe, expect, it } from 'vitest';
import { ConnectionUnavailableError } from '../../server/connections/errors.js';
import { GraphError } from '../../server/microsoft/graph/index.js';
import { IdentityError } from '../../server/microsoft/identity/index.js';
import { PersonalTokenError } from '../../server/personal/personal-tokens.js';
import {
  describeUnknown,
  UNKNOWN_REASONS,
  unknownFromError,
  unknownFromScheduleError,
} from '../../server/scheduling/availability/unknown-reasons.js';

const graphError = (status: number, code: string, message = 'no', retryAfterSeconds?: number) =>
  new GraphError({ status, code, message, attempts: 1, requestId: 'req-1', retryAfterSeconds });
const identityError = (code: ConstructorParameters<typeof IdentityError>[0]) =>
  new IdentityError(code, 'no token', { clientId: 'app', tenantId: 't' });

describe('unknownFromError', () => {
  it.each([
    [
      'Graph throttling past retries',
      graphError(429, 'TooManyRequests', 'slow down', 10),
      { reason: 'throttled', retryAfterSeconds: 10, requestId: 'req-1' },
    ],
    ['a 503', graphError(503, 'ServiceUnavailable'), { reason: 'throttled', requestId: 'req-1' }],
    [
      'no answer at all',
      graphError(0, 'ClientTimeout'),
      { reason: 'throttled', requestId: 'req-1' },
    ],
    [
      'an access policy or RBAC scope',
      graphError(403, 'ErrorAccessDenied', 'Access to OData is disabled.'),
      { reason: 'outside_access_scope', requestId: 'req-1' },
    ],
    [
      'a 403 without a scope signal',
      graphError(403, 'ErrorAccessDenied', 'Access is denied.'),
      { reason: 'consent_missing', requestId: 'req-1' },
    ],
    [
      'no mailbox',
      graphError(404, 'MailboxNotEnabledForRESTAPI'),
      { reason: 'no_mailbox', requestId: 'req-1' },
    ],
    [
      'anything else',
      graphError(500, 'InternalServerError'),
      { reason: 'error', requestId: 'req-1' },
    ],
    [
      'a disabled connection',
      new ConnectionUnavailableError('ERR_CONNECTION_DISABLED', 't'),
      { reason: 'connection_disabled' },
    ],
    [
      'revoked consent',
      identityError('ERR_IDENTITY_APP_NOT_IN_TENANT'),
      { reason: 'consent_missing' },
    ],
    [
      'an expired secret',
      identityError('ERR_IDENTITY_SECRET_EXPIRED'),
      { reason: 'credential_expired' },
    ],
    ['Entra unavailable', identityError('ERR_IDENTITY_UNAVAILABLE'), { reason: 'throttled' }],
    [
      'a personal sign-in Microsoft no longer accepts',
      new PersonalTokenError('reauth_required', 'again'),
      { reason: 'personal_calendar_unavailable' },
    ],
    [
      'a personal token endpoint that is down',
      new PersonalTokenError('unavailable', 'later', 30),
      { reason: 'throttled', retryAfterSeconds: 30 },
    ],
    [
      'the request deadline',
      new DOMException('timed out', 'TimeoutError'),
      { reason: 'throttled' },
    ],
    ['a programming error', new TypeError('x is undefined'), { reason: 'error' }],
  ])('maps %s', (_, error, expected) => {
    expect(unknownFromError(error)).toEqual(expected);
  });
});

describe('unknownFromScheduleError', () => {
  it.each([
    [
      '5009',
      'Unable to resolve e-mail address x to an Active Directory object.',
      'not_in_directory',
    ],
    ['ErrorMailRecipientNotFound', 'The mailbox was not found.', 'no_mailbox'],
    ['ErrorAccessDenied', 'Access to OData is disabled.', 'outside_access_scope'],
    [undefined, 'Access to OData is disabled.', 'outside_access_scope'],
    ['ErrorServerBusy', 'busy', 'throttled'],
    ['SomethingNew', 'what', 'error'],
  ])('maps responseCode %s to %s', (code, message, reason) => {
    expect(unknownFromScheduleError(code, message)).toEqual({ reason });
  });
});

describe('describeUnknown', () => {
  it('has a sentence for every reason', () => {
    for (const reason of UNKNOWN_REASONS) expect(describeUnknown(reason)).toMatch(/\.$/);
  });
});
