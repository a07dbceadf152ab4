// Audiences: deduplicated, the service mailbox left out, and split into the fewest parts of at
// most 500 recipients, as even as possible.
import { describe, expect, it } from 'vitest';
import type { MemberRepository } from '../../../server/domain/member-repository.js';
import type { Member } from '../../../server/domain/types.js';
import type { GraphClient } from '../../../server/microsoft/graph/index.js';
import {
  resolveAudience,
  splitRecipients,
} from '../../../server/scheduling/org-events/audience.js';

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@contoso.com`);

describe('splitRecipients', () => {
  it.each([
    [1, [1]],
    [500, [500]],
    [501, [251, 250]],
    [1_200, [400, 400, 400]],
    [1_501, [376, 375, 375, 375]],
  ])('splits %i recipients into parts of %j', (n, sizes) => {
    const parts = splitRecipients(addresses(n));
    expect(parts.map((p) => p.length)).toEqual(sizes);
    expect(parts.flat()).toEqual(addresses(n));
  });

  it('makes no part of nobody', () => {
    expect(splitRecipients([])).toEqual([]);
  });
});

describe('resolveAudience', () => {
  const unusedGraph = {} as GraphClient;

  it('deduplicates a list case-insensitively and leaves the service mailbox out', async () => {
    const members = {} as MemberRepository;
    const found = await resolveAudience(
      { graph: unusedGraph, members },
      'org',
      'tenant',
      { kind: 'list', emails: ['A@contoso.com', 'a@contoso.com', 'Events@Contoso.com', 'b@x.com'] },
      'events@contoso.com',
    );
    expect(found).toEqual(['a@contoso.com', 'b@x.com']);
  });

  it('takes everyone whose calendar is connected', async () => {
    const member = (email: string, status: Member['calendar']['status']) =>
      ({ email, calendar: { status } }) as Member;
    const members = {
      all: () =>
        Promise.resolve([
          member('on@contoso.com', 'connected'),
          member('off@contoso.com', 'not_connected'),
          member('checking@contoso.com', 'checking'),
        ]),
    } as unknown as MemberRepository;
    const found = await resolveAudience(
      { graph: unusedGraph, members },
      'org',
      'tenant',
      { kind: 'everyone' },
      'events@contoso.com',
    );
    expect(found).toEqual(['on@contoso.com']);
  });
});
