import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../server/http/logging.js';
import { startTestApp } from '../support/app.js';

describe('request logging', () => {
  it('never writes a bearer token, cookie, client secret or OAuth code to the log', async () => {
    const server = await startTestApp();
    const bearer = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJlLXNlY3JldA';
    const clientSecret = 'Zx8Q~client-secret-value-42';
    try {
      await fetch(`${server.url}/api/whoami`, {
        headers: { authorization: `Bearer ${bearer}`, cookie: `session=${clientSecret}` },
      });
      await fetch(
        `${server.url}/consent/callback?code=${clientSecret}&state=signed-state-xyz&tenant=t`,
      );
      await fetch(`${server.url}/nope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'leak-check' },
        body: JSON.stringify({ client_secret: clientSecret, clientSecret }),
      });
      server.logs.logger.info(
        { body: { client_secret: clientSecret, nested: { privateKey: clientSecret } } },
        'x',
      );
    } finally {
      await server.close();
    }
    const text = server.logs.text();
    expect(text).not.toContain(bearer);
    expect(text).not.toContain(clientSecret);
    expect(text).not.toContain('signed-state-xyz');
    expect(text).toContain('[Redacted]');
    expect(text).toContain('tenant=t');
  });

  it('puts the request id on every line of a request', async () => {
    const server = await startTestApp();
    try {
      await fetch(`${server.url}/api/whoami`, { headers: { 'x-request-id': 'trace-me-1' } });
    } finally {
      await server.close();
    }
    const lines = server.logs.entries().filter((e) => JSON.stringify(e).includes('trace-me-1'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.reqId).toBe('trace-me-1');
  });

  it.each([
    ['/cb?code=abc&state=def', '/cb?code=[Redacted]&state=[Redacted]'],
    ['/cb?admin_consent=True&tenant=t', '/cb?admin_consent=True&tenant=t'],
    ['/hook?validationToken=xyz', '/hook?validationToken=[Redacted]'],
    ['/plain', '/plain'],
    ['/x?%63ode=abc', '/x?%63ode=[Redacted]'],
  ])('masks secret query values in %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
