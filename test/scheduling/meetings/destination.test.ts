import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors.js';
import { GraphError } from '../../../server/microsoft/graph/index.js';
import type { GraphCalendar } from '../../../server/microsoft/graph-types.js';
import {
  fallbackReason,
  offersTeams,
  resolveDestination,
  storedDestination,
} from '../../../server/scheduling/meetings/destination.js';

const def: GraphCalendar = {
  id: 'cal-default',
  name: 'Calendar',
  isDefaultCalendar: true,
  canEdit: true,
};
const team: GraphCalendar = { id: 'cal-team', name: 'Team', canEdit: true };
const shared: GraphCalendar = { id: 'cal-shared', name: 'Boss', canEdit: false };
const scheduler: GraphCalendar = { id: 'cal-sched', name: 'Quorum Scheduler', canEdit: true };

function ensure() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fn: () => {
      calls += 1;
      return Promise.resolve(scheduler);
    },
  };
}

describe('resolveDestination', () => {
  it('books in the default calendar by default, without making the scheduler calendar', async () => {
    const e = ensure();
    await expect(resolveDestination([def, team], storedDestination(null), e.fn)).resolves.toEqual({
      calendarId: null,
      calendar: def,
      destination: { requested: 'default', used: 'default', reason: null },
    });
    expect(e.calls).toBe(0);
  });

  it('uses the scheduler calendar when chosen', async () => {
    const e = ensure();
    const resolved = await resolveDestination([def], storedDestination('scheduler'), e.fn);
    expect(resolved).toMatchObject({
      calendarId: 'cal-sched',
      destination: { used: 'scheduler', reason: null },
    });
    expect(e.calls).toBe(1);
  });

  it('uses a chosen calendar that can be written, and treats the default one by id as the default', async () => {
    const e = ensure();
    expect(
      await resolveDestination([def, team], { requested: 'cal-team', explicit: true }, e.fn),
    ).toMatchObject({
      calendarId: 'cal-team',
      destination: { used: 'calendar' },
    });
    expect(
      await resolveDestination([def, team], { requested: 'cal-default', explicit: true }, e.fn),
    ).toMatchObject({ calendarId: null, destination: { used: 'default' } });
    expect(e.calls).toBe(0);
  });

  it.each([
    [
      'a chosen calendar with canEdit false',
      [def, shared],
      'cal-shared',
      /cannot write to your calendar "Boss"/,
    ],
    [
      'a default calendar with canEdit false',
      [{ ...def, canEdit: false }],
      'default',
      /default calendar cannot be written/,
    ],
    ['a stored choice that no longer exists', [def], 'cal-gone', /no longer exists/],
  ])(
    'falls back to the scheduler calendar for %s, saying why',
    async (_, calendars, requested, reason) => {
      const resolved = await resolveDestination(
        calendars,
        storedDestination(requested),
        ensure().fn,
      );
      expect(resolved.calendarId).toBe('cal-sched');
      expect(resolved.destination).toEqual({
        requested,
        used: 'scheduler',
        reason: expect.stringMatching(reason),
      });
    },
  );

  it("refuses an explicit calendar id that is not one of the mailbox's", async () => {
    const attempt = resolveDestination(
      [def],
      { requested: 'someone-elses', explicit: true },
      ensure().fn,
    );
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
      errors: [{ in: 'body', path: 'destination', message: 'Not one of your calendars.' }],
    });
  });
});

describe('fallbackReason', () => {
  const graphError = (status: number, code: string) =>
    new GraphError({ status, code, message: code, attempts: 1 });
  const at = (used: 'default' | 'scheduler' | 'calendar') => ({
    requested: 'x',
    used,
    reason: null,
  });

  it('moves a write Exchange refuses, or a chosen calendar that is gone, to the scheduler calendar', () => {
    expect(fallbackReason(graphError(403, 'ErrorAccessDenied'), at('default'))).toMatch(
      /default calendar/,
    );
    expect(fallbackReason(graphError(403, 'ErrorAccessDenied'), at('calendar'))).toMatch(
      /calendar you chose/,
    );
    expect(fallbackReason(graphError(404, 'ErrorItemNotFound'), at('calendar'))).toMatch(
      /no longer exists/,
    );
  });

  it('does not move anything else, nor what is already in the scheduler calendar', () => {
    expect(fallbackReason(graphError(403, 'ErrorAccessDenied'), at('scheduler'))).toBeUndefined();
    expect(fallbackReason(graphError(503, 'ServiceUnavailable'), at('default'))).toBeUndefined();
    expect(fallbackReason(graphError(400, 'ErrorInvalidRequest'), at('default'))).toBeUndefined();
    expect(fallbackReason(new Error('x'), at('default'))).toBeUndefined();
  });
});

describe('offersTeams', () => {
  it('reads allowedOnlineMeetingProviders; an unlisted calendar is tried', () => {
    expect(offersTeams({ id: 'a', allowedOnlineMeetingProviders: ['teamsForBusiness'] })).toBe(
      true,
    );
    expect(offersTeams({ id: 'a', allowedOnlineMeetingProviders: [] })).toBe(false);
    expect(offersTeams(undefined)).toBe(true);
  });
});
