// The task pane (DESIGN J4): reads the meeting from the form, asks Quorum for ranked slots with free
// rooms, says who cannot be seen and why, and applies the chosen slot and room to the meeting.
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { getMe } from '../api/me.js';
import { ErrorBar } from '../ui/error-bar.js';
import { useResource } from '../ui/use-resource.js';
import { useSession } from '../ui/session.js';
import { ConnectionNotice } from './connection-notice.js';
import { MeetingSummary } from './meeting-summary.js';
import type { OfficeApi, OfficeAppointmentCompose } from './office-api.js';
import { NO_ROOM } from './room-choice.js';
import { SearchFiltersPanel } from './search-filters.js';
import { SuggestionList } from './suggestion-list.js';
import { DEFAULT_FILTERS, suggestionRequest, type SearchFilters } from './suggestion-request.js';
import { TeamsMeetingHint } from './teams-hint.js';
import { UnknownAttendees } from './unknown-attendees.js';
import { useApply } from './use-apply.js';
import { useAppointment } from './use-appointment.js';
import { useRooms } from './use-rooms.js';
import { useSuggestions } from './use-suggestions.js';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: '40rem',
  },
  title: { margin: 0 },
});

export interface TaskPaneAppProps {
  readonly office: OfficeApi;
  readonly item: OfficeAppointmentCompose;
  readonly timeZone: string;
}

export function TaskPaneApp({ office, item, timeZone }: TaskPaneAppProps) {
  const styles = useStyles();
  const { host, api } = useSession();
  const locale = host.context.locale;
  const organizer = host.context.loginHint?.toLowerCase() ?? null;
  const appointment = useAppointment(office, item);
  const rooms = useRooms(api);
  const me = useResource(() => getMe(api), [api]);
  const [filters, setFilters] = useState<SearchFilters>(DEFAULT_FILTERS);
  // Pinned once: applying a slot moves the meeting, and the search should stay where it was.
  const [searchFrom, setSearchFrom] = useState<Date | null>(null);
  const snapshot = appointment.snapshot;
  if (snapshot && !searchFrom) setSearchFrom(snapshot.start);

  const request = useMemo(
    () =>
      snapshot && searchFrom && rooms.ready
        ? suggestionRequest(snapshot, filters, {
            organizerEmail: organizer,
            roomEmails: rooms.emails,
            timeZone,
            now: new Date(),
            searchFrom,
          })
        : null,
    [snapshot, searchFrom, rooms.ready, rooms.emails, filters, organizer, timeZone],
  );
  const suggestions = useSuggestions(api, request);
  const applying = useApply(office, item);
  const [roomBySlot, setRoomBySlot] = useState<Record<string, string>>({});

  const answer = suggestions.data;
  const nameOf = (email: string): string => {
    if (email === organizer) return 'You';
    const known = answer?.attendees.find((a) => a.email === email);
    if (known?.organizer) return 'You';
    return (
      known?.displayName ??
      snapshot?.attendees.find((a) => a.email === email && a.name !== email)?.name ??
      email
    );
  };
  const people = request ? request.required.length + request.optional.length : 0;
  const applied = applying.applied;
  const appliedRoom = applied?.roomEmail
    ? (rooms.nameOf(applied.roomEmail) ?? applied.roomEmail)
    : null;

  return (
    <main className={styles.page}>
      <Text as="h1" size={500} weight="semibold" className={styles.title}>
        Find a time
      </Text>
      <ConnectionNotice me={me.data} />
      <ErrorBar error={appointment.error} title="Quorum could not read this meeting" />
      {snapshot ? (
        <MeetingSummary
          snapshot={snapshot}
          people={people}
          locale={locale}
          onRefresh={appointment.refresh}
        />
      ) : appointment.error ? null : (
        <Spinner size="small" label="Reading the meeting…" />
      )}
      <SearchFiltersPanel filters={filters} buildings={rooms.buildings} onChange={setFilters} />
      <ErrorBar error={applying.error} title="Outlook did not take the change" />
      <ErrorBar error={suggestions.error} title="No suggestions" />
      {answer ? <UnknownAttendees unknown={answer.unknown} nameOf={nameOf} /> : null}
      {answer?.rooms.problem ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Rooms are not available</MessageBarTitle>
            {answer.rooms.problem.detail}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {answer ? (
        <SuggestionList
          suggestions={answer.suggestions}
          loading={suggestions.loading}
          needRoom={filters.needRoom}
          locale={locale}
          nameOf={nameOf}
          roomFor={(slot) => roomBySlot[slot.start] ?? slot.rooms[0]?.email ?? NO_ROOM}
          onRoom={(slot, email) => setRoomBySlot((r) => ({ ...r, [slot.start]: email }))}
          applying={applying.applying}
          appliedStart={applied?.start ?? null}
          appliedRoomName={appliedRoom}
          onApply={(slot, room) =>
            void applying.apply({
              start: slot.start,
              end: slot.end,
              roomEmail: filters.needRoom && room !== NO_ROOM ? room : null,
            })
          }
        />
      ) : suggestions.loading ? (
        <Spinner size="small" label="Finding times when everyone is free…" />
      ) : null}
      <TeamsMeetingHint />
    </main>
  );
}
