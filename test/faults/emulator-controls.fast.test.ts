// The emulator's connection faults (`POST /_emulator/faults/connection`) and fault counters
// (`GET /_emulator/faults`), which the fault suite relies on to say what it injected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confidentialClient,
  control,
  grantConsent,
  GRAPH_DEFAULT_SCOPE,
  startEmulator,
  TENANTS,
  type TestEmulator,
} from '../support/emulator.js';
import { arm, injected, resetFaults } from './support/emulator-faults.js';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const graph = (path: string, token?: string) =>
  emu.fetch(`${emu.graphUrl}/v1.0${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function appToken(): Promise<string> {
  await grantConsent(emu, TENANTS.contoso.domain);
  const result = await confidentialClient(emu).acquireTokenByClientCredential({
    scopes: [GRAPH_DEFAULT_SCOPE],
  });
  return result!.accessToken;
}

describe('connection faults', () => {
  it('resets the next matching connection without an answer, then answers again', async () => {
    await resetFaults(emu);
    await arm(emu, '/faults/connection', { kind: 'reset', count: 1, pathPattern: '^/users$' });
    await expect(graph('/users')).rejects.toThrow();
    // Consumed: the next request gets Graph's own answer (401 without a token).
    expect((await graph('/users')).status).toBe(401);
    const counts = await injected(emu);
    expect(counts).toMatchObject({ reset: 1, drop: 0, slow: 0, hits: ['/users'] });
  });

  it('holds a dropped request for its delay before closing it', async () => {
    await resetFaults(emu);
    await arm(emu, '/faults/connection', { kind: 'drop', delayMs: 300, count: 1 });
    const started = Date.now();
    await expect(graph('/organization')).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers a slow request normally after its delay, only where the pattern matches', async () => {
    await resetFaults(emu);
    await arm(emu, '/faults/connection', {
      kind: 'slow',
      delayMs: 300,
      rate: 1,
      pathPattern: '^/organization$',
    });
    let started = Date.now();
    expect((await graph('/organization')).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    expect((await graph('/users')).status).toBe(401);
    expect(Date.now() - started).toBeLessThan(290);
    expect((await injected(emu)).slow).toBe(1);
    await control(emu, 'DELETE', '/faults');
    expect((await control(emu, 'GET', '/faults')).body).toMatchObject({
      pending: { faults: 0, connectionFaults: 0 },
    });
  });

  it('counts error answers by status and keeps counts until they are zeroed', async () => {
    const token = await appToken();
    await resetFaults(emu);
    await arm(emu, '/faults', { status: 503, count: 2, pathPattern: '^/users$' });
    expect((await graph('/users', token)).status).toBe(503);
    expect((await graph('/users', token)).status).toBe(503);
    expect((await graph('/users', token)).status).toBe(200);
    await control(emu, 'DELETE', '/faults');
    expect((await injected(emu)).status).toEqual({ '503': 2 });
    await control(emu, 'DELETE', '/faults/injected');
    expect((await injected(emu)).status).toEqual({});
  });

  it.each([
    [{ kind: 'reset' }, 'give either count (one-off faults) or rate (random faults)'],
    [{ kind: 'reset', count: 1, rate: 0.5 }, 'give either count (one-off faults) or rate'],
    [{ kind: 'explode', count: 1 }, 'kind: '],
    [{ kind: 'reset', count: 1, pathPattern: '(' }, 'pathPattern: not a regular expression'],
  ])('refuses %j with 400 bad_request', async (body, message) => {
    const { status, body: answer } = await control<{ error: string; message: string }>(
      emu,
      'POST',
      '/faults/connection',
      body,
    );
    expect(status).toBe(400);
    expect(answer.error).toBe('bad_request');
    expect(answer.message).toContain(message);
  });
});
