// The clientState of each subscription: an HMAC of its record id under one system key kept in the
// store, compared in constant time, unguessable and different per subscription.
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_STATE_KEY_SECRET, ClientStates } from '../../server/notifications/client-state.js';
import { tempStore, type TempStore } from '../connections/temp-store.js';

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.close();
  temp = undefined;
});

async function states(): Promise<ClientStates> {
  temp = await tempStore();
  return new ClientStates(temp.store);
}

describe('ClientStates', () => {
  it('derives a stable value per record id, different between records, within Graph’s 128 chars', async () => {
    const cs = await states();
    const a = await cs.for('record-a');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await cs.for('record-a')).toBe(a);
    expect(await cs.for('record-b')).not.toBe(a);
  });

  it('keeps its key as an encrypted system secret, so a restart derives the same values', async () => {
    const cs = await states();
    const before = await cs.for('record-a');
    expect(await temp!.store.readSystemSecret(CLIENT_STATE_KEY_SECRET)).toBeDefined();
    expect(await new ClientStates(temp!.store).for('record-a')).toBe(before);
  });

  it('creates one key even when asked concurrently', async () => {
    const cs = await states();
    const values = await Promise.all(Array.from({ length: 10 }, () => cs.for('record-a')));
    expect(new Set(values).size).toBe(1);
  });

  it.each([
    ['another record’s value', async (cs: ClientStates) => cs.for('record-b')],
    ['a truncated value', async (cs: ClientStates) => (await cs.for('record-a')).slice(0, 20)],
    ['an empty string', () => Promise.resolve('')],
    ['null', () => Promise.resolve(null)],
    ['a number', () => Promise.resolve(42)],
  ])('does not match %s', async (_, presented) => {
    const cs = await states();
    expect(await cs.matches('record-a', await presented(cs))).toBe(false);
  });

  it('matches the exact value', async () => {
    const cs = await states();
    expect(await cs.matches('record-a', await cs.for('record-a'))).toBe(true);
  });
});
