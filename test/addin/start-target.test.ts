// The Teams popup start page opens only Microsoft's sign-in or Quorum: never an open redirect.
import { describe, expect, it } from 'vitest';
import { allowedStartTarget } from '../../addin/auth/start-target.js';

const ALLOWED = ['https://login.microsoftonline.com', 'https://quorum.example.com'];

describe('allowedStartTarget', () => {
  it.each([
    [
      'the admin-consent page',
      'https://login.microsoftonline.com/organizations/v2.0/adminconsent?x=1',
    ],
    ['a Quorum page', 'https://quorum.example.com/auth/callback'],
  ])('allows %s', (_, target) => {
    expect(allowedStartTarget(target, ALLOWED)?.toString()).toBe(target);
  });

  it.each([
    ['another site', 'https://evil.example/login'],
    ['a look-alike host', 'https://login.microsoftonline.com.evil.example/'],
    ['plain http', 'http://login.microsoftonline.com/'],
    ['a script URL', 'javascript:alert(1)'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_, target) => {
    expect(allowedStartTarget(target, ALLOWED)).toBeNull();
  });
});
