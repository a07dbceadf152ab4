// Schedule a meeting from the tab (DESIGN J4): find ranked times with rooms, then book on my own
// calendar with a Teams meeting. Booking carries an idempotency key, so a retry never double-books.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { Me } from '../../api/me.js';
import { bookMeeting, type Meeting } from '../../api/meetings.js';
import {
  getSuggestions,
  listRooms,
  type Suggestion,
  type Suggestions,
} from '../../api/schedule.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';
import { browserTimeZone } from '../../ui/zoned-format.js';
import { MeetingCard } from './meeting-card.js';
import {
  initialDraft,
  ScheduleForm,
  suggestionRequest,
  type ScheduleDraft,
} from './schedule-form.js';
import { SuggestionList } from './suggestion-list.js';

const useStyles = makeStyles({ page: { display: 'grid', rowGap: tokens.spacingVerticalL } });

export function ScheduleView({ me }: { me: Me }) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const rooms = useResource(() => listRooms(api).catch(() => ({ rooms: [], total: 0 })), [api]);
  const [draft, setDraft] = useState<ScheduleDraft>(() => initialDraft());
  const [result, setResult] = useState<{ draft: ScheduleDraft; suggestions: Suggestions } | null>(
    null,
  );
  const [booked, setBooked] = useState<Meeting | null>(null);
  // One key per chosen slot: pressing Book twice (or a retry) books once.
  const bookingKey = useRef(new Map<string, string>());
  const timeZone = me.calendar?.timeZone ?? browserTimeZone();

  const find = async () => {
    const asked = draft;
    const suggestions = await run('find', () =>
      getSuggestions(api, suggestionRequest(asked, timeZone)),
    );
    if (suggestions) {
      setResult({ draft: asked, suggestions });
      setBooked(null);
    }
  };
  const book = async (slot: Suggestion, room: string | null) => {
    if (!result) return;
    const d = result.draft;
    const slotKey = `${slot.start}|${room ?? ''}|${d.subject}`;
    const key = bookingKey.current.get(slotKey) ?? crypto.randomUUID();
    bookingKey.current.set(slotKey, key);
    const meeting = await run(
      'book',
      () =>
        bookMeeting(
          api,
          {
            subject: d.subject.trim(),
            start: slot.start,
            end: slot.end,
            timeZone: result.suggestions.organizerTimeZone,
            attendees: [
              ...d.required.map((email) => ({ email, type: 'required' as const })),
              ...d.optional.map((email) => ({ email, type: 'optional' as const })),
            ],
            ...(room ? { room } : {}),
            teams: d.teams,
          },
          key,
        ),
      'Meeting booked',
    );
    if (meeting) {
      setBooked(meeting);
      setResult(null);
    }
  };

  return (
    <div className={styles.page}>
      <Section title="Schedule a meeting">
        <ScheduleForm
          draft={draft}
          onChange={setDraft}
          rooms={rooms.data?.rooms ?? []}
          busy={busy === 'find'}
          onFind={() => void find()}
        />
      </Section>
      {result ? (
        <Section title="Suggested times">
          <SuggestionList
            result={result.suggestions}
            wantRoom={result.draft.wantRoom}
            booking={busy === 'book'}
            onBook={(slot, room) => void book(slot, room)}
          />
        </Section>
      ) : null}
      {booked ? (
        <Section title="Booked">
          <MeetingCard meeting={booked} onChanged={setBooked} />
        </Section>
      ) : null}
    </div>
  );
}
