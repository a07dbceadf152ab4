import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentStates } from '../../server/connections/consent-state.js';
import { tempStore, type TempStore } from './temp-store.js';

let temp: TempStore;
let now = Date.parse('2025-06-01T12:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  temp = await tempStore(() => now);
});
afterAll(async () => {
  await temp.close();
});

function states() {
  return new ConsentStates({ store: temp.store, now: () => now });
}

const input = {
  kind: 'consent' as const,
  orgId: 'org-a',
  memberId: 'member-1',
  mode: 'popup' as const,
};

describe('consent state', () => {
  it('round-trips the org, the member and the mode, and expires when asked', async () => {
    const { token, state } = await states().sign(input, DAY);
    expect(state.expiresAt).toBe(now + DAY);
    expect(await states().verify(token, 'consent')).toEqual(state);
  });

  it('keeps its key in the store, so a restart still accepts outstanding links', async () => {
    const { token } = await states().sign(input, DAY);
    const key = await temp.store.readSystemSecret('consent-state-key');
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    await expect(
      new ConsentStates({ store: temp.store, now: () => now }).verify(token, 'consent'),
    ).resolves.toMatchObject({
      orgId: 'org-a',
    });
  });

  it.each([
    ['missing', undefined],
    ['not a JWT', 'hello'],
    ['unsigned', 'eyJhbGciOiJub25lIn0.eyJvcmciOiJvcmctYSJ9.'],
    ['too long', 'a'.repeat(5000)],
  ])('refuses a %s state as ERR_CONSENT_STATE_INVALID', async (_, token) => {
    await expect(states().verify(token, 'consent')).rejects.toMatchObject({
      code: 'ERR_CONSENT_STATE_INVALID',
    });
  });

  it('refuses a state of the other kind', async () => {
    const { token } = await states().sign({ ...input, kind: 'confirm', tenantId: 't' }, DAY);
    await expect(states().verify(token, 'consent')).rejects.toMatchObject({
      code: 'ERR_CONSENT_STATE_INVALID',
    });
    await expect(states().verify(token, 'confirm')).resolves.toMatchObject({ tenantId: 't' });
  });

  it('refuses an expired state as ERR_CONSENT_STATE_EXPIRED', async () => {
    const { token } = await states().sign(input, DAY);
    now += DAY + 1000;
    await expect(states().verify(token, 'consent')).rejects.toMatchObject({
      code: 'ERR_CONSENT_STATE_EXPIRED',
    });
  });

  it('works once: a second use is ERR_CONSENT_STATE_REPLAYED', async () => {
    const s = states();
    const { token } = await s.sign(input, DAY);
    const state = await s.verify(token, 'consent');
    await s.consume(state);
    await expect(s.consume(state)).rejects.toMatchObject({ code: 'ERR_CONSENT_STATE_REPLAYED' });
  });

  it('derives a PKCE pair from the key and nonce (S256)', async () => {
    const s = states();
    const { state } = await s.sign(input, DAY);
    const a = await s.pkce(state);
    expect(await s.pkce(state)).toEqual(a);
    expect(a.verifier).toMatch(/^[\w-]{43}$/);
    expect(a.challenge).not.toBe(a.verifier);
  });
});
