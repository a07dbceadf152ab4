import { describe, expect, it } from 'vitest';
import { GraphError, type BatchItemResult } from '../../server/microsoft/graph/index.js';
import { judgeProbe, probeItems } from '../../server/directory/probe.js';

const ok = (body: unknown = {}): BatchItemResult => ({
  ok: true,
  id: 'x',
  status: 200,
  headers: {},
  body,
  attempts: 1,
});
const fail = (status: number, code: string, message = '', retryAfterSeconds?: number) =>
  ({
    ok: false,
    id: 'x',
    error: new GraphError({
      status,
      code,
      message,
      requestId: `req-${code}`,
      attempts: 5,
      retryAfterSeconds,
    }),
  }) satisfies BatchItemResult;

const noMailbox = fail(
  404,
  'MailboxNotEnabledForRESTAPI',
  'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
);
const scoped = fail(403, 'ErrorAccessDenied', 'Access to OData is disabled.');
const denied = fail(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
const throttled = fail(429, 'ApplicationThrottled', 'over its MailboxConcurrency limit', 7);
const unavailable = fail(503, 'ServiceUnavailable', 'Service Unavailable.');
const timeout = fail(0, 'ClientTimeout', 'timed out');
const gone = fail(404, 'Request_ResourceNotFound', "Resource 'x' does not exist");
const boom = fail(500, 'InternalServerError', 'An internal server error occurred.');

describe('judging a member probe', () => {
  it.each([
    ['both probes answer', ok(), ok(), 'connected'],
    ['settings 404 MailboxNotEnabledForRESTAPI', noMailbox, noMailbox, 'no_mailbox'],
    ['scope refusal on both (application access policy)', scoped, scoped, 'outside_access_scope'],
    ['settings allowed, calendar out of the RBAC scope', ok(), scoped, 'outside_access_scope'],
    ['calendar allowed, settings out of scope', scoped, ok(), 'outside_access_scope'],
    ['no mailbox wins over a throttled sibling', noMailbox, throttled, 'no_mailbox'],
    ['scope wins over a throttled sibling', throttled, scoped, 'outside_access_scope'],
    ['429 past retries', throttled, ok(), 'transient'],
    ['503 past retries', ok(), unavailable, 'transient'],
    ['a timeout', timeout, timeout, 'transient'],
    ['403 on both without the scope signal', denied, denied, 'denied'],
    ['403 without the scope signal on one probe only', denied, ok(), 'error'],
    ['the user vanished', gone, gone, 'not_found'],
    ['a 500', ok(), boom, 'error'],
    ['no answer at all', undefined, undefined, 'error'],
  ])('%s → %s', (_what, settings, calendar, kind) => {
    expect(judgeProbe(settings, calendar).kind).toBe(kind);
  });

  it('keeps the Graph request id of an error', () => {
    expect(judgeProbe(ok(), boom)).toEqual({
      kind: 'error',
      requestId: 'req-InternalServerError',
      code: 'InternalServerError',
    });
  });

  it('keeps Retry-After of a throttled probe', () => {
    expect(judgeProbe(throttled, ok())).toEqual({ kind: 'transient', retryAfterSeconds: 7 });
  });

  it('reads an IANA time zone, working hours and the mailbox purpose', () => {
    const verdict = judgeProbe(
      ok({
        timeZone: 'W. Europe Standard Time',
        userPurpose: { value: 'room' },
        workingHours: {
          daysOfWeek: ['monday', 'friday'],
          startTime: '08:30:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'W. Europe Standard Time' },
        },
      }),
      ok({ id: 'AAMk' }),
    );
    expect(verdict).toEqual({
      kind: 'connected',
      timeZone: 'Europe/Berlin',
      purpose: 'room',
      workingHours: {
        daysOfWeek: ['monday', 'friday'],
        startTime: '08:30',
        endTime: '17:00',
        timeZone: 'Europe/Berlin',
      },
    });
  });

  it('probes settings and the default calendar of the mailbox by object id', () => {
    expect(probeItems('3', 'abc')).toEqual([
      { id: '3:s', url: '/users/abc/mailboxSettings' },
      { id: '3:c', url: '/users/abc/calendar?$select=id' },
    ]);
  });
});
