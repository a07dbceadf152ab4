import { describe, expect, it } from 'vitest';
import { failureFrom, graphSignal, isRetryable } from '../../server/connections/failure-reasons.js';
import { GraphError } from '../../server/microsoft/graph/index.js';
import { IdentityError, type IdentityErrorCode } from '../../server/microsoft/identity/index.js';

function identityError(
  code: IdentityErrorCode,
  extra: { aadsts?: number; certificateExpired?: boolean } = {},
) {
  return new IdentityError(code, 'Entra said no.', { clientId: 'c', tenantId: 't', ...extra });
}

function graphError(status: number, code: string, message: string) {
  return new GraphError({ status, code, message, attempts: 1, requestId: 'req-1' });
}

describe('connection reasons from the token endpoint (DESIGN §3)', () => {
  it.each([
    ['app not in tenant', 'ERR_IDENTITY_APP_NOT_IN_TENANT', 700016, undefined, 'consent_missing'],
    ['wrong secret', 'ERR_IDENTITY_SECRET_INVALID', 7000215, undefined, 'credential_invalid'],
    ['expired secret', 'ERR_IDENTITY_SECRET_EXPIRED', 7000222, undefined, 'credential_expired'],
    [
      'refused assertion, valid certificate',
      'ERR_IDENTITY_ASSERTION_INVALID',
      700027,
      false,
      'credential_invalid',
    ],
    [
      'refused assertion, expired certificate',
      'ERR_IDENTITY_ASSERTION_INVALID',
      700027,
      true,
      'credential_expired',
    ],
    [
      'unknown certificate thumbprint',
      'ERR_IDENTITY_ASSERTION_INVALID',
      50012,
      false,
      'credential_invalid',
    ],
    [
      'no credential sent',
      'ERR_IDENTITY_CREDENTIAL_MISSING',
      7000216,
      undefined,
      'credential_invalid',
    ],
    [
      'unreadable key',
      'ERR_IDENTITY_CREDENTIAL_MALFORMED',
      undefined,
      undefined,
      'credential_invalid',
    ],
    ['Entra busy', 'ERR_IDENTITY_UNAVAILABLE', 90033, undefined, 'throttled'],
    ['unknown tenant', 'ERR_IDENTITY_TENANT_NOT_FOUND', 90002, undefined, 'error'],
    ['app disabled', 'ERR_IDENTITY_APP_DISABLED', 7000112, undefined, 'error'],
  ] as const)('maps %s (%s, AADSTS%s) to %s', (_, code, aadsts, certificateExpired, reason) => {
    const failure = failureFrom(
      identityError(code, {
        ...(aadsts === undefined ? {} : { aadsts }),
        ...(certificateExpired === undefined ? {} : { certificateExpired }),
      }),
      'getting a token',
    );
    expect(failure.reason).toBe(reason);
    expect(failure.aadsts).toBe(aadsts);
  });
});

describe('Graph answers during a probe', () => {
  it.each([
    [403, 'ErrorAccessDenied', 'Access to OData is disabled.', 'outside_scope'],
    [403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.', 'denied'],
    [
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
      'denied',
    ],
    [404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive.', 'no_mailbox'],
    [429, 'TooManyRequests', 'Slow down.', 'transient'],
    [500, 'InternalServerError', 'Oops.', 'other'],
  ])('reads %s %s as %s', (status, code, message, signal) => {
    expect(graphSignal(graphError(status, code, message))).toBe(signal);
  });

  it('keeps the request id of a failing call', () => {
    const failure = failureFrom(
      graphError(500, 'InternalServerError', 'Oops.'),
      'reading the calendar',
    );
    expect(failure).toMatchObject({ reason: 'error', requestId: 'req-1' });
  });

  it('treats a 403 without a scope signal as missing consent', () => {
    const failure = failureFrom(
      graphError(403, 'ErrorAccessDenied', 'Access is denied.'),
      'reading settings',
    );
    expect(failure.reason).toBe('consent_missing');
  });
});

describe('retrying', () => {
  it('retries throttling always, and missing consent only while it replicates', () => {
    expect(isRetryable({ reason: 'throttled', detail: '' }, false)).toBe(true);
    expect(isRetryable({ reason: 'consent_missing', detail: '' }, false)).toBe(false);
    expect(isRetryable({ reason: 'consent_missing', detail: '' }, true)).toBe(true);
    expect(isRetryable({ reason: 'credential_invalid', detail: '' }, true)).toBe(false);
  });
});
