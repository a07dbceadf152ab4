import { describe, expect, it } from 'vitest';
import type { GraphEvent } from '../../../server/microsoft/graph-types.js';
import type { Meeting } from '../../../server/scheduling/meetings/meeting.js';
import { answersFrom, refreshedFrom } from '../../../server/scheduling/meetings/responses.js';

const NONE = '0001-01-01T00:00:00Z';
const room = { email: 'room.executive@contoso.com', name: 'Executive Suite (10)' };

describe('answersFrom', () => {
  it("maps each attendee's tallied answer and keeps the room apart", () => {
    const { attendees, room: answer } = answersFrom(
      {
        attendees: [
          {
            type: 'required',
            emailAddress: { address: 'a@contoso.com' },
            status: { response: 'accepted', time: '2026-03-02T10:00:00Z' },
          },
          {
            type: 'optional',
            emailAddress: { address: 'b@contoso.com' },
            status: { response: 'notResponded', time: NONE },
          },
          {
            type: 'required',
            emailAddress: { address: 'c@contoso.com' },
            status: { response: 'tentativelyAccepted', time: '2026-03-02T11:00:00Z' },
          },
          {
            type: 'resource',
            emailAddress: { address: 'Room.Executive@contoso.com' },
            status: { response: 'tentativelyAccepted', time: NONE },
          },
          {
            type: 'resource',
            emailAddress: { address: 'projector@contoso.com' },
            status: { response: 'accepted', time: NONE },
          },
        ],
      },
      room,
    );
    expect(attendees).toEqual([
      {
        email: 'a@contoso.com',
        type: 'required',
        response: 'accepted',
        respondedAt: '2026-03-02T10:00:00.000Z',
      },
      { email: 'b@contoso.com', type: 'optional', response: 'none', respondedAt: null },
      {
        email: 'c@contoso.com',
        type: 'required',
        response: 'tentativelyAccepted',
        respondedAt: '2026-03-02T11:00:00.000Z',
      },
    ]);
    // A delegate-approval room holding the slot tentatively has not answered yet.
    expect(answer).toEqual({ ...room, response: 'pending', respondedAt: null });
  });

  it('reads accepted and declined rooms, and a room missing from the copy as pending', () => {
    const declined = answersFrom(
      {
        attendees: [
          {
            type: 'resource',
            emailAddress: { address: room.email },
            status: { response: 'declined', time: '2026-03-02T10:00:00Z' },
          },
        ],
      },
      room,
    );
    expect(declined.room).toMatchObject({
      response: 'declined',
      respondedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(answersFrom({ attendees: [] }, room).room).toMatchObject({ response: 'pending' });
    expect(answersFrom({ attendees: [] }, null).room).toBeNull();
  });
});

describe('refreshedFrom', () => {
  it('takes time, subject and cancellation from the organizer copy', () => {
    const meeting = {
      subject: 'Old',
      start: '2026-03-10T16:00:00.000Z',
      end: '2026-03-10T17:00:00.000Z',
      room: null,
      attendees: [],
      joinUrl: null,
      webLink: null,
      state: 'scheduled',
      cancelledAt: null,
    } as unknown as Meeting;
    const event: GraphEvent = {
      id: 'e1',
      subject: 'New',
      start: { dateTime: '2026-03-11T16:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-03-11T17:30:00.0000000', timeZone: 'UTC' },
      isCancelled: true,
      attendees: [],
    };
    expect(refreshedFrom(meeting, event, '2026-03-03T00:00:00.000Z')).toMatchObject({
      subject: 'New',
      start: '2026-03-11T16:00:00.000Z',
      end: '2026-03-11T17:30:00.000Z',
      state: 'cancelled',
      cancelledAt: '2026-03-03T00:00:00.000Z',
      responsesCheckedAt: '2026-03-03T00:00:00.000Z',
    });
  });
});
