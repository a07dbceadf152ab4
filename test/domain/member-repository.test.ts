import { describe, expect, it } from 'vitest';
import { MemberRepository } from '../../server/domain/member-repository.js';
import type { Member } from '../../server/domain/types.js';
import { uncheckedCalendar } from '../../server/directory/member-state.js';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();

function member(n: number): Member {
  return {
    id: `m${n}`,
    orgId: 'org-1',
    tenantId: 'tenant-1',
    objectId: `oid-${n}`,
    email: `person${n}@contoso.example`,
    displayName: `Person ${n}`,
    role: 'member',
    source: 'directory',
    createdAt: '2026-01-01T00:00:00.000Z',
    directory: null,
    calendar: uncheckedCalendar('conn-1'),
    personalCalendars: [],
  };
}

async function openRepository() {
  const dataDir = await tempDir();
  const store = await openLowdbStore({ dataDir, coalesceMs: 5 });
  return { dataDir, store, members: new MemberRepository(store) };
}

describe('MemberRepository', () => {
  it('keeps a bulk update made while a single update is in progress (no lost update)', async () => {
    const { dataDir, store, members } = await openRepository();
    await members.put(member(1));
    // The sweep's bulk write lands between the single update's read and its write.
    const single = members.update('org-1', 'm1', (current) => ({ ...current, role: 'admin' }));
    const bulk = members.updateMany('org-1', ['m1'], (current) => ({
      ...current,
      calendar: { ...current.calendar, status: 'connected', reason: 'connected' },
    }));
    await Promise.all([single, bulk]);

    const after = await members.get('org-1', 'm1');
    expect(after?.role).toBe('admin');
    expect(after?.calendar.reason).toBe('connected');
    await store.close();

    // The disk agrees with memory.
    const reopened = await openLowdbStore({ dataDir });
    const stored = await new MemberRepository(reopened).get('org-1', 'm1');
    expect(stored?.role).toBe('admin');
    expect(stored?.calendar.reason).toBe('connected');
    await reopened.close();
  });

  it('applies concurrent single updates one after the other', async () => {
    const { store, members } = await openRepository();
    await members.put(member(2));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        members.update('org-1', 'm2', (current) => ({
          ...current,
          displayName: `${current.displayName}|${i}`,
        })),
      ),
    );
    const after = await members.get('org-1', 'm2');
    expect(after?.displayName.split('|')).toHaveLength(21);
    expect((await store.getMember<Member>('org-1', 'm2'))?.displayName).toBe(after?.displayName);
    await store.close();
  });

  it('returns the member as stored: frozen, and readable back after a restart unchanged', async () => {
    const { dataDir, store, members } = await openRepository();
    const input = { ...member(3), extra: undefined } as Member;
    await members.put(input);
    const held = await members.get('org-1', 'm3');
    expect(held).not.toBe(input);
    expect(Object.isFrozen(held)).toBe(true);
    expect(Object.isFrozen(held?.calendar)).toBe(true);
    expect(held).toStrictEqual(member(3));
    await store.close();
    const reopened = await openLowdbStore({ dataDir });
    expect(await new MemberRepository(reopened).get('org-1', 'm3')).toStrictEqual(held);
    await reopened.close();
  });

  it('answers undefined when updating a member that does not exist', async () => {
    const { store, members } = await openRepository();
    expect(await members.update('org-1', 'nobody', (m) => m)).toBeUndefined();
    expect(await members.count('org-1')).toBe(0);
    await store.close();
  });
});
