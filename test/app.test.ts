import { afterEach, describe, expect, it } from 'vitest';
import type { RouteModule } from '../server/app.js';
import { AppError } from '../server/http/errors.js';
import { FRAME_ANCESTORS } from '../server/http/security-headers.js';
import { validate } from '../server/http/validate.js';
import { z } from '../server/http/zod.js';
import { startTestApp, whoamiRoutes } from './support/app.js';
import { testConfig } from './support/config.js';
import { createFakeClock } from './support/fake-clock.js';

const Echo = z.object({ name: z.string().min(1), size: z.number().int().positive() });

const testRoutes: RouteModule = ({ router, api }) => {
  const input = validate({
    body: Echo,
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    params: z.object({ id: z.string().regex(/^\d+$/) }),
  });
  api.route({
    method: 'post',
    path: '/api/echo/:id',
    request: { body: { content: { 'application/json': { schema: Echo } } } },
    responses: { 200: { description: 'Echo' } },
    errors: ['ERR_VALIDATION'],
  });
  router.post('/api/echo/:id', input, (_req, res) => {
    res.json(input.get(res));
  });
  router.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  router.get('/boom-async', async () => {
    await Promise.resolve();
    throw new Error('async internals');
  });
};

let running: Awaited<ReturnType<typeof startTestApp>> | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(overrides: Parameters<typeof startTestApp>[0] = {}) {
  running = await startTestApp({ routes: [whoamiRoutes, testRoutes], ...overrides });
  return running;
}

const auth = { authorization: 'Bearer good' };

describe('createApp', () => {
  it('answers GET /healthz with {status:"ok"}', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('generates a UUID request id and echoes it', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/healthz`);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['x-request-id', 'abc-123.def:ghi_4'],
    ['client-request-id', '0f2c8d6e-1111-4222-8333-444455556666'],
  ])('reuses a sane incoming %s', async (header, id) => {
    const { url } = await start();
    const response = await fetch(`${url}/nope`, { headers: { [header]: id } });
    expect(response.headers.get('x-request-id')).toBe(id);
    expect(((await response.json()) as { requestId: string }).requestId).toBe(id);
  });

  it('replaces an unreasonable incoming request id', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/healthz`, {
      headers: { 'x-request-id': 'x'.repeat(500) },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets CSP frame-ancestors for Teams, Outlook and Microsoft 365, and nosniff', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors ${FRAME_ANCESTORS.join(' ')}`);
    expect(csp).toContain('https://teams.microsoft.com');
    expect(csp).toContain('https://outlook.office.com');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await response.json()).toEqual({
      type: 'urn:quorum:error:ERR_NOT_FOUND',
      title: 'Not found',
      status: 404,
      detail: 'No route for GET /nope.',
      code: 'ERR_NOT_FOUND',
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('asks for sign-in before revealing whether an /api route exists', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/nope`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('ERR_AUTH_TOKEN_MISSING');
  });

  it('answers a wrong method on a registered route with 405 and Allow', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/echo/1`, { method: 'DELETE', headers: auth });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as { code: string }).code).toBe('ERR_METHOD_NOT_ALLOWED');
  });

  it('hides an unexpected error behind a generic 500 and logs its cause', async () => {
    const { url, logs } = await start();
    for (const path of ['/boom', '/boom-async']) {
      const response = await fetch(`${url}${path}`);
      const body = (await response.json()) as Record<string, unknown>;
      expect({ status: response.status, code: body.code }).toEqual({
        status: 500,
        code: 'ERR_INTERNAL',
      });
      expect(JSON.stringify(body)).not.toMatch(/hunter2|internals/);
    }
    expect(logs.text()).toContain('database password is hunter2');
    expect(logs.text()).toContain('async internals');
  });

  it('passes a valid body, query and params to the handler, parsed', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/echo/42?dryRun=true`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', size: 3, extra: 'dropped' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      body: { name: 'x', size: 3 },
      query: { dryRun: 'true' },
      params: { id: '42' },
    });
  });

  it('answers invalid input with ERR_VALIDATION listing every field issue', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/echo/abc?dryRun=maybe`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', size: 1.5 }),
    });
    const body = (await response.json()) as {
      code: string;
      errors: { in: string; path: string }[];
    };
    expect({ status: response.status, code: body.code }).toEqual({
      status: 400,
      code: 'ERR_VALIDATION',
    });
    expect(body.errors.map((e) => `${e.in}:${e.path}`).sort()).toEqual([
      'body:name',
      'body:size',
      'params:id',
      'query:dryRun',
    ]);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"name":', 400, 'ERR_BODY_MALFORMED'],
    ['a JSON primitive', 'application/json', '"just a string"', 400, 'ERR_BODY_MALFORMED'],
    ['text/plain', 'text/plain', 'hello', 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['a form post', 'application/x-www-form-urlencoded', 'a=b', 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
    [
      'an unsupported charset',
      'application/json; charset=latin1',
      '{}',
      415,
      'ERR_UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body over the limit',
      'application/json',
      JSON.stringify({ name: 'x'.repeat(2000) }),
      413,
      'ERR_BODY_TOO_LARGE',
    ],
  ])('refuses %s with %i %s', async (_, contentType, payload, status, code) => {
    const { url } = await start({ config: testConfig({ QUORUM_MAX_BODY_BYTES: '1024' }) });
    const response = await fetch(`${url}/api/echo/1`, {
      method: 'POST',
      headers: { ...auth, 'content-type': contentType },
      body: payload,
    });
    const body = (await response.json()) as { code: string };
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
  });

  it('refuses a body without a content type', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/echo/1`, {
      method: 'POST',
      headers: auth,
      body: new Uint8Array([123, 125]),
    });
    expect(response.status).toBe(415);
  });

  it('answers an undecodable path with 400 ERR_BAD_REQUEST', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/echo/%E0%A4%A`, { method: 'POST', headers: auth });
    const body = (await response.json()) as { code: string };
    expect({ status: response.status, code: body.code }).toEqual({
      status: 400,
      code: 'ERR_BAD_REQUEST',
    });
  });

  it('serves the OpenAPI description without sign-in', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/api/openapi.json', '/api/whoami', '/api/echo/{id}']),
    );
  });

  it('rate-limits a user with 429, Retry-After and ERR_RATE_LIMITED, then lets them back', async () => {
    const clock = createFakeClock();
    const { url } = await start({
      clock,
      config: testConfig({ QUORUM_RATE_LIMIT_USER_PER_MINUTE: '2' }),
    });
    const call = () => fetch(`${url}/api/whoami`, { headers: auth });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const limited = await call();
    const body = (await limited.json()) as { code: string };
    expect({ status: limited.status, code: body.code }).toEqual({
      status: 429,
      code: 'ERR_RATE_LIMITED',
    });
    expect(limited.headers.get('retry-after')).toBe('30');
    clock.advance(30_000);
    expect((await call()).status).toBe(200);
  });

  it('rate-limits requests without a caller per IP', async () => {
    const { url } = await start({
      config: testConfig({ QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: '1' }),
    });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const limited = await fetch(`${url}/nope`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
  });

  it('stops verifying tokens from an IP that keeps failing sign-in', async () => {
    let verifications = 0;
    const { url } = await start({
      config: testConfig({ QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: '2' }),
      tokenVerifier: {
        verify: () => {
          verifications += 1;
          return Promise.reject(new AppError('ERR_AUTH_TOKEN_INVALID'));
        },
      },
    });
    const call = () => fetch(`${url}/api/whoami`, { headers: { authorization: 'Bearer forged' } });
    expect((await call()).status).toBe(401);
    expect((await call()).status).toBe(401);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('ERR_RATE_LIMITED');
    expect(verifications).toBe(2);
  });
});
