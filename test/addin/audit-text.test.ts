// Audit entries in words for the audit log screen.
import { describe, expect, it } from 'vitest';
import { describeAction, describeDetail, describeRef } from '../../addin/tab/admin/audit-text.js';

describe('audit text', () => {
  it.each([
    ['org.settings.updated', 'Org settings updated'],
    ['alert_webhook.signing_secret_rotated', 'Alert webhook signing secret rotated'],
  ])('describes the action %s as "%s"', (action, words) => {
    expect(describeAction(action)).toBe(words);
  });

  it.each([
    ['system', 'Quorum'],
    ['tenant-admin:d1e2f3a4-b5c6/5fa2552c', 'Tenant administrator of d1e2f3a4…'],
    ['connection:7225726f-c355-40d7', 'Connection 7225726f…'],
    ['member:m1', 'Member m1'],
    ['unknown-kind:abc', 'Unknown kind abc'],
  ])('describes the reference %s as "%s"', (ref, words) => {
    expect(describeRef(ref)).toBe(words);
  });

  it('lists details as key: value pairs, skipping empty values and cutting long ones', () => {
    expect(describeDetail({ mode: 'popup', reason: null, roles: ['a', 'b'] })).toBe(
      'mode: popup · roles: ["a","b"]',
    );
    expect(describeDetail({ long: 'x'.repeat(200) }, 10)).toBe(`long: ${'x'.repeat(10)}…`);
    expect(describeDetail(undefined)).toBe('');
  });
});
