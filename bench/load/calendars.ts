// Gives the load bench's attendees a working week to read: a daily standup, two meetings and, for
// every fifth person, a tentative afternoon — written through the emulator's Graph with the app's
// own credential, in each owner's zone, so availability and suggestions merge real busy time.
import type { AppTarget } from '../support/app.js';
import { calendarWriter } from '../support/calendar-writer.js';

export interface SeedTarget extends AppTarget {
  tenantId: string;
}

export interface Attendee {
  email: string;
  timeZone: string;
}

/** Writes the week starting at `monday` (00:00Z) into each attendee's calendar. */
export async function seedWeek(target: SeedTarget, people: Attendee[], monday: number) {
  const writer = calendarWriter(target, target.tenantId, 'Load bench', monday);
  const { day, event } = writer;
  const post = (who: Attendee, body: unknown) => writer.post(who.email, body);
  await Promise.all(
    people.map(async (who, i) => {
      await post(
        who,
        event(who, day(0), '09:30', '09:45', {
          recurrence: {
            pattern: { type: 'daily', interval: 1 },
            range: { type: 'numbered', startDate: day(0), numberOfOccurrences: 5 },
          },
        }),
      );
      await post(who, event(who, day(1 + (i % 3)), '11:00', '12:00'));
      await post(who, event(who, day(i % 5), '14:00', '14:30'));
      if (i % 5 === 0) {
        await post(who, event(who, day(4), '13:00', '17:00', { showAs: 'tentative' }));
      }
    }),
  );
}
