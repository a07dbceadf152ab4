// The personal-calendar sign-in state: signed, bound to one member, single-use, 10 minutes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConnectStates, CONNECT_STATE_TTL_MS } from '../../server/personal/connect-state.js';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import type { Store } from '../../server/store/index.js';
import { readAllFiles, useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();

async function setUp(): Promise<{ store: Store; states: ConnectStates; clock: { now: number } }> {
  const store = await openLowdbStore({ dataDir: await tempDir() });
  const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
  return { store, clock, states: new ConnectStates(store, () => clock.now) };
}

function reencode(state: string, edit: (payload: Record<string, unknown>) => void): string {
  const [body, signature] = state.split('.') as [string, string];
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
  edit(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describe('ConnectStates', () => {
  it('hands back the member, PKCE verifier and nonce of the flow the state names, once', async () => {
    const { store, states } = await setUp();
    const started = await states.start('org-1', 'member-1');
    const pending = await states.consume(started.state);
    expect(pending).toMatchObject({ orgId: 'org-1', memberId: 'member-1', nonce: started.nonce });
    expect(createHash('sha256').update(pending.codeVerifier).digest('base64url')).toBe(
      started.codeChallenge,
    );
    await expect(states.consume(started.state)).rejects.toMatchObject({ problem: 'used' });
    await store.close();
  });

  it('lets only one of two simultaneous uses of a state through', async () => {
    const { store, states } = await setUp();
    const { state } = await states.start('org-1', 'member-1');
    const results = await Promise.allSettled([states.consume(state), states.consume(state)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await store.close();
  });

  it('refuses a state after 10 minutes', async () => {
    const { store, states, clock } = await setUp();
    const { state } = await states.start('org-1', 'member-1');
    clock.now += CONNECT_STATE_TTL_MS + 1;
    await expect(states.consume(state)).rejects.toMatchObject({ problem: 'expired' });
    await store.close();
  });

  it.each<[string, (state: string) => string, string]>([
    ['another member', (s) => reencode(s, (p) => (p.m = 'member-2')), 'forged'],
    ['another org', (s) => reencode(s, (p) => (p.o = 'org-2')), 'forged'],
    ['a later expiry', (s) => reencode(s, (p) => (p.e = Number(p.e) + 3_600_000)), 'forged'],
    ['a changed signature', (s) => `${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`, 'forged'],
    ['no signature', (s) => s.split('.')[0]!, 'malformed'],
    ['extra parts', (s) => `${s}.x`, 'malformed'],
    ['garbage', () => 'not-a-state', 'malformed'],
  ])('refuses a state edited to name %s (%s)', async (_what, edit, problem) => {
    const { store, states } = await setUp();
    const { state } = await states.start('org-1', 'member-1');
    await expect(states.consume(edit(state))).rejects.toMatchObject({ problem });
    // The genuine state still works: a forged one consumed nothing.
    await expect(states.consume(state)).resolves.toMatchObject({ memberId: 'member-1' });
    await store.close();
  });

  it('refuses a state signed by another Quorum installation', async () => {
    const a = await setUp();
    const b = await setUp();
    const { state } = await a.states.start('org-1', 'member-1');
    await expect(b.states.consume(state)).rejects.toMatchObject({ problem: 'forged' });
    await a.store.close();
    await b.store.close();
  });

  it('keeps the signing key across restarts and never writes the verifier in plaintext', async () => {
    const dataDir = await tempDir();
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    const first = await openLowdbStore({ dataDir });
    const started = await new ConnectStates(first, () => clock.now).start('org-1', 'member-1');
    await first.close();
    const second = await openLowdbStore({ dataDir });
    const pending = await new ConnectStates(second, () => clock.now).consume(started.state);
    await second.flush();
    for (const { bytes } of await readAllFiles(dataDir)) {
      expect(bytes.includes(pending.codeVerifier)).toBe(false);
    }
    await second.close();
  });

  it('removes flows nobody finished once they expired, when the org starts another', async () => {
    const { store, states, clock } = await setUp();
    await states.start('org-1', 'member-1');
    await states.start('org-1', 'member-2');
    clock.now += CONNECT_STATE_TTL_MS + 1;
    await states.start('org-1', 'member-3');
    const pending = (await store.listSecretNames('org-1')).filter((n) =>
      n.startsWith('personal-connect:'),
    );
    expect(pending).toHaveLength(1);
    await store.close();
  });
});
