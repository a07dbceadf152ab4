// The ranked slots, best first; one is open at a time (the best, until the organizer opens another).
import {
  Caption1Strong,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Suggestion } from './schedule-api.js';
import { SuggestionCard } from './suggestion-card.js';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    rowGap: tokens.spacingVerticalS,
  },
});

export interface SuggestionListProps {
  readonly suggestions: readonly Suggestion[];
  readonly loading: boolean;
  readonly needRoom: boolean;
  readonly locale: string;
  readonly applying: string | null;
  readonly appliedStart: string | null;
  readonly appliedRoomName: string | null;
  nameOf(email: string): string;
  roomFor(slot: Suggestion): string;
  onRoom(slot: Suggestion, email: string): void;
  onApply(slot: Suggestion, room: string): void;
}

export function SuggestionList(props: SuggestionListProps) {
  const styles = useStyles();
  const { suggestions } = props;
  // null: nothing chosen yet (the best slot shows open); '' : the organizer closed every slot.
  const [open, setOpen] = useState<string | null>(null);
  const openStart = open ?? suggestions[0]?.start ?? '';
  return (
    <section aria-labelledby="suggestions-heading">
      <div className={styles.head}>
        <Caption1Strong as="h2" id="suggestions-heading">
          Suggested times
        </Caption1Strong>
        {props.loading ? <Spinner size="extra-tiny" aria-label="Updating suggestions" /> : null}
      </div>
      {suggestions.length === 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            No time suits everyone in this range. Look further ahead, make some attendees optional
            {props.needRoom ? ', or search without a room' : ''}.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <ol className={styles.list} aria-label="Suggested times, best first">
          {suggestions.map((slot, index) => (
            <SuggestionCard
              key={slot.start}
              suggestion={slot}
              index={index}
              expanded={slot.start === openStart}
              needRoom={props.needRoom}
              room={props.roomFor(slot)}
              applying={props.applying === slot.start}
              applied={props.appliedStart === slot.start}
              appliedRoomName={props.appliedRoomName}
              locale={props.locale}
              nameOf={props.nameOf}
              onToggle={() => setOpen(slot.start === openStart ? '' : slot.start)}
              onRoom={(email) => props.onRoom(slot, email)}
              onApply={() => props.onApply(slot, props.roomFor(slot))}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
