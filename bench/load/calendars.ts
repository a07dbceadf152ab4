// Gives the load bench's attendees a working week to read: a daily standup, two meetings and, for
// every fifth person, a tentative afternoon — written through the emulator's Graph with the app's
// own credential, in each owner's zone, so availability and suggestions merge real busy time.
import { GraphClient } from '../../server/microsoft/graph/index.js';
import { createIdentity } from '../../server/microsoft/identity/index.js';
import { createFetch } from '../../server/net/fetch.js';

export interface SeedTarget {
  loginUrl: string;
  graphUrl: string;
  caPem: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export interface Attendee {
  email: string;
  timeZone: string;
}

const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Writes the week starting at `monday` (00:00Z) into each attendee's calendar. */
export async function seedWeek(target: SeedTarget, people: Attendee[], monday: number) {
  const fetch = createFetch({ caPem: target.caPem });
  const identity = createIdentity({ authorityHost: target.loginUrl, fetch });
  const credential = {
    kind: 'secret' as const,
    clientId: target.clientId,
    secret: target.clientSecret,
  };
  const graph = new GraphClient({
    baseUrl: target.graphUrl,
    fetch,
    tokenProvider: async (tid) => (await identity.getGraphToken(credential, tid)).token,
  });
  const day = (n: number) => date(monday + n * DAY);
  const event = (who: Attendee, on: string, from: string, to: string, extra = {}) => ({
    subject: 'Load bench',
    start: { dateTime: `${on}T${from}:00`, timeZone: who.timeZone },
    end: { dateTime: `${on}T${to}:00`, timeZone: who.timeZone },
    showAs: 'busy',
    ...extra,
  });
  const post = (who: Attendee, body: unknown) =>
    graph.post(target.tenantId, `/users/${encodeURIComponent(who.email)}/events`, body);
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
