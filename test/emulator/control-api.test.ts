// The control API's own edge: whatever goes wrong, the answer is JSON that says what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe('control API errors', () => {
  it('answers malformed JSON with a JSON 400', async () => {
    const res = await emu.fetch(`${emu.loginUrl}/_emulator/tenants/contoso.com/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"appId":',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(/JSON/i);
  });
});
