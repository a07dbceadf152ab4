import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors.js';
import type { Meeting } from '../../../server/scheduling/meetings/meeting.js';
import {
  planChange,
  type MeetingPatchInput,
} from '../../../server/scheduling/meetings/meeting-changes.js';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const me = new Set(['adele.vance@contoso.com']);

const meeting = {
  subject: 'Review',
  start: '2026-03-10T16:00:00.000Z',
  end: '2026-03-10T17:00:00.000Z',
  timeZone: 'America/Los_Angeles',
  attendees: [
    {
      email: 'megan.bowen@contoso.com',
      type: 'required',
      response: 'accepted',
      respondedAt: '2026-03-02T10:00:00.000Z',
    },
    { email: 'patti.fernandez@contoso.com', type: 'optional', response: 'none', respondedAt: null },
  ],
  room: {
    email: 'room.rainier@contoso.com',
    name: 'Rainier (12)',
    response: 'accepted',
    respondedAt: '2026-03-02T10:00:00.000Z',
  },
} as unknown as Meeting;

function issuesOf(patch: MeetingPatchInput): string[] {
  try {
    planChange(meeting, patch, NOW, me);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).errors ?? []).map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a validation error');
}

describe('planChange', () => {
  it('moves the meeting by its start alone, keeping its length and zone', () => {
    const { update, next } = planChange(meeting, { start: '2026-03-12T14:00' }, NOW, me);
    expect(update).toEqual({
      start: { dateTime: '2026-03-12T14:00:00', timeZone: 'America/Los_Angeles' },
      end: { dateTime: '2026-03-12T15:00:00', timeZone: 'America/Los_Angeles' },
    });
    expect(next).toMatchObject({
      start: '2026-03-12T21:00:00.000Z',
      end: '2026-03-12T22:00:00.000Z',
    });
  });

  it('changes only the subject when that is all that changed', () => {
    expect(planChange(meeting, { subject: 'Renamed' }, NOW, me).update).toEqual({
      subject: 'Renamed',
    });
    expect(planChange(meeting, { subject: 'Review' }, NOW, me).update).toEqual({});
  });

  it('sends the whole attendee list, room included, when someone is added or removed; answers stay', () => {
    const { update, next, roomChanged } = planChange(
      meeting,
      {
        attendees: {
          add: [{ email: 'Alex.Wilber@contoso.com', type: 'required' }],
          remove: ['patti.fernandez@contoso.com'],
        },
      },
      NOW,
      me,
    );
    expect(roomChanged).toBe(false);
    expect(update).toEqual({
      attendees: [
        { address: 'megan.bowen@contoso.com', type: 'required' },
        { address: 'alex.wilber@contoso.com', type: 'required' },
        { address: 'room.rainier@contoso.com', type: 'resource' },
      ],
    });
    expect(next.attendees.map((a) => [a.email, a.response])).toEqual([
      ['megan.bowen@contoso.com', 'accepted'],
      ['alex.wilber@contoso.com', 'none'],
    ]);
  });

  it('swaps the room (location and resource attendee; the new one is pending) or drops it', () => {
    const swap = planChange(
      meeting,
      { room: 'room.baker@contoso.com' },
      NOW,
      me,
      new Map([['room.baker@contoso.com', 'Baker (6)']]),
    );
    expect(swap.update.location).toEqual({
      displayName: 'Baker (6)',
      locationEmailAddress: 'room.baker@contoso.com',
    });
    expect(swap.update.attendees?.at(-1)).toEqual({
      address: 'room.baker@contoso.com',
      type: 'resource',
    });
    expect(swap.next.room).toEqual({
      email: 'room.baker@contoso.com',
      name: 'Baker (6)',
      response: 'pending',
      respondedAt: null,
    });
    const drop = planChange(meeting, { room: null }, NOW, me);
    expect(drop.update.location).toEqual({ displayName: '' });
    expect(drop.update.attendees?.some((a) => a.type === 'resource')).toBe(false);
    expect(drop.next.room).toBeNull();
  });

  it.each([
    [
      'removing someone not invited',
      { attendees: { add: [], remove: ['nobody@contoso.com'] } },
      'attendees.remove.0: Not invited.',
    ],
    [
      'adding someone invited already',
      {
        attendees: {
          add: [{ email: 'megan.bowen@contoso.com', type: 'required' as const }],
          remove: [],
        },
      },
      'attendees.add.0.email: Already invited.',
    ],
    [
      'making an attendee the room',
      { room: 'megan.bowen@contoso.com' },
      'room: Already invited as an attendee.',
    ],
    ['an end before the start', { end: '2026-03-10T08:00' }, 'end: Must be after start.'],
    [
      'a move into the past',
      { start: '2026-03-01T09:00' },
      'end: The meeting would be over already.',
    ],
  ])('refuses %s', (_, patch, expected) => {
    expect(issuesOf(patch)).toContain(expected);
  });
});
