// The typed API client: problem+json errors surface as their code and readable message, the bearer
// comes from the host, and only requests that are safe to repeat are retried.
import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from '../../addin/api/api-error.js';
import { ApiClient } from '../../addin/api/client.js';

const BASE = 'https://quorum.example.com';

function problem(status: number, code: string, detail: string, extra: object = {}): Response {
  return new Response(
    JSON.stringify({
      type: `urn:quorum:error:${code}`,
      title: 'Title',
      status,
      detail,
      code,
      requestId: 'req-1',
      ...extra,
    }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A client over a scripted sequence of responses, recording requests, waits and token requests. */
function clientWith(responses: (Response | Error)[]) {
  const requests: {
    url: string;
    method: string;
    auth: string | null;
    key: string | null;
    body: unknown;
  }[] = [];
  const waits: number[] = [];
  const tokenCalls: boolean[] = [];
  const client = new ApiClient({
    baseUrl: BASE,
    getToken: ({ forceRefresh = false } = {}) => {
      tokenCalls.push(forceRefresh);
      return Promise.resolve(forceRefresh ? 'fresh-token' : 'cached-token');
    },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    fetch: (input, init) => {
      requests.push({
        url: String(input),
        method: init?.method ?? 'GET',
        auth: new Headers(init?.headers).get('authorization'),
        key: new Headers(init?.headers).get('idempotency-key'),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      const next = responses.shift();
      if (!next) throw new Error('no more responses');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  });
  return { client, requests, waits, tokenCalls };
}

describe('ApiClient errors', () => {
  it('surfaces a problem as its code, detail, request id and field errors', async () => {
    const { client } = clientWith([
      problem(400, 'ERR_VALIDATION', 'The request is not valid.', {
        errors: [{ in: 'body', path: 'alertWebhookUrl', message: 'Must be HTTPS' }],
      }),
    ]);
    const error = (await client
      .patch('/api/org/settings', {})
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'ERR_VALIDATION',
      status: 400,
      message: 'The request is not valid.',
      requestId: 'req-1',
    });
    expect(describeError(error)).toBe('The request is not valid. (alertWebhookUrl: Must be HTTPS)');
  });

  it('names a response that is not problem+json by its status', async () => {
    const { client } = clientWith([
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      new Response('', { status: 502 }),
      new Response('', { status: 502 }),
    ]);
    await expect(client.get('/api/me')).rejects.toMatchObject({
      code: 'ERR_UNEXPECTED_RESPONSE',
      status: 502,
    });
  });

  it('adds the request id to the message of a server error', () => {
    const error = new ApiError('ERR_INTERNAL', 500, 'Something went wrong.', 'req-9');
    expect(describeError(error)).toBe('Something went wrong. Request id: req-9.');
  });
});

describe('ApiClient requests', () => {
  it('sends the host token as a bearer and JSON bodies, and builds the query', async () => {
    const { client, requests } = clientWith([json({ total: 0 })]);
    await client.get('/api/org/members', {
      query: { status: 'needs_attention', reason: undefined, q: '', offset: 0, limit: 50 },
    });
    expect(requests[0]).toMatchObject({
      url: `${BASE}/api/org/members?status=needs_attention&offset=0&limit=50`,
      method: 'GET',
      auth: 'Bearer cached-token',
    });
  });

  it('retries once with a fresh token after a 401', async () => {
    const { client, requests, tokenCalls } = clientWith([
      problem(401, 'ERR_AUTH_TOKEN_EXPIRED', 'Expired.'),
      json({ ok: true }),
    ]);
    expect(await client.post('/api/org/sync', { full: true })).toEqual({ ok: true });
    expect(tokenCalls).toEqual([false, true]);
    expect(requests.map((r) => r.auth)).toEqual(['Bearer cached-token', 'Bearer fresh-token']);
  });

  it('gives up after one fresh token still gets a 401', async () => {
    const { client } = clientWith([
      problem(401, 'ERR_AUTH_TOKEN_INVALID', 'Invalid.'),
      problem(401, 'ERR_AUTH_TOKEN_INVALID', 'Invalid.'),
    ]);
    await expect(client.get('/api/me')).rejects.toMatchObject({ code: 'ERR_AUTH_TOKEN_INVALID' });
  });

  it('retries a GET on 503 with backoff', async () => {
    const { client, waits } = clientWith([
      problem(503, 'ERR_AUTH_KEYS_UNAVAILABLE', 'Try again.'),
      json({ ok: 1 }),
    ]);
    expect(await client.get('/api/org/status')).toEqual({ ok: 1 });
    expect(waits).toEqual([500]);
  });

  it('never repeats a POST after a 503: it may have run', async () => {
    const { client, requests } = clientWith([problem(503, 'ERR_INTERNAL', 'Unavailable.')]);
    await expect(client.post('/api/meetings', {})).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
  });

  it('retries any method after a 429, waiting Retry-After', async () => {
    const limited = problem(429, 'ERR_RATE_LIMITED', 'Slow down.');
    limited.headers.set('retry-after', '2');
    const { client, waits } = clientWith([limited, json({ jobId: 'j' }, 202)]);
    expect(await client.post('/api/org/sync')).toEqual({ jobId: 'j' });
    expect(waits).toEqual([2000]);
  });

  it('stops retrying after two retries', async () => {
    const { client, requests } = clientWith([
      problem(503, 'ERR_X', 'a'),
      problem(503, 'ERR_X', 'b'),
      problem(503, 'ERR_X', 'c'),
    ]);
    await expect(client.get('/api/me')).rejects.toMatchObject({ message: 'c' });
    expect(requests).toHaveLength(3);
  });

  it('retries a GET after a network failure, but reports ERR_NETWORK for a POST', async () => {
    const get = clientWith([new TypeError('fetch failed'), json({ ok: 1 })]);
    expect(await get.client.get('/api/me')).toEqual({ ok: 1 });
    const post = clientWith([new TypeError('fetch failed')]);
    await expect(post.client.post('/api/org/sync')).rejects.toMatchObject({
      code: 'ERR_NETWORK',
      status: 0,
    });
  });

  it('answers undefined for 204 and text for non-JSON bodies', async () => {
    const { client } = clientWith([
      new Response(null, { status: 204 }),
      new Response('-----BEGIN CERTIFICATE-----', {
        status: 200,
        headers: { 'content-type': 'application/x-pem-file' },
      }),
    ]);
    expect(await client.delete('/api/org/connections/1')).toBeUndefined();
    expect(await client.get('/api/org/connections/1/certificate')).toBe(
      '-----BEGIN CERTIFICATE-----',
    );
  });
});

describe('ApiClient idempotency keys', () => {
  it('repeats a POST with an Idempotency-Key after a 503, sending the same key', async () => {
    const { client, requests } = clientWith([
      problem(503, 'ERR_CALENDAR_TEMPORARILY_UNAVAILABLE', 'Try again.'),
      json({ id: 'm1' }, 201),
    ]);
    const booked = await client.request('POST', '/api/meetings', {
      body: {},
      idempotencyKey: 'k-1',
    });
    expect(booked).toEqual({ id: 'm1' });
    expect(requests.map((r) => r.key)).toEqual(['k-1', 'k-1']);
  });
});
