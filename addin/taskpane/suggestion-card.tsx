// One suggested slot: when, how many are free, the best room; opened, everyone's availability, the
// room to book, and Apply, which writes the time and room into the meeting.
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronUp16Regular } from '@fluentui/react-icons';
import { formatSlot } from './format.js';
import { NO_ROOM, RoomChoice } from './room-choice.js';
import type { Suggestion } from './schedule-api.js';
import { SlotAttendees } from './slot-attendees.js';
import { countSlot, describeCounts } from './slot-summary.js';

const useStyles = makeStyles({
  card: {
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflow: 'hidden',
  },
  open: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  header: {
    width: '100%',
    justifyContent: 'space-between',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontWeight: tokens.fontWeightRegular,
    minHeight: 'auto',
    borderRadius: 0,
  },
  headText: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  line: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    flexWrap: 'wrap',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  body: {
    display: 'grid',
    rowGap: tokens.spacingVerticalM,
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
  },
  sub: { display: 'block', marginBottom: tokens.spacingVerticalXS },
});

export interface SuggestionCardProps {
  readonly suggestion: Suggestion;
  readonly index: number;
  readonly expanded: boolean;
  readonly needRoom: boolean;
  /** The room picked for this slot, or NO_ROOM. */
  readonly room: string;
  readonly applying: boolean;
  readonly applied: boolean;
  /** The name of the room applied with this slot, if any. */
  readonly appliedRoomName: string | null;
  readonly locale: string;
  nameOf(email: string): string;
  onToggle(): void;
  onRoom(email: string): void;
  onApply(): void;
}

export function SuggestionCard(props: SuggestionCardProps) {
  const styles = useStyles();
  const { suggestion: s, index, expanded, room } = props;
  const counts = countSlot(s);
  const start = new Date(s.start);
  const end = new Date(s.end);
  const bodyId = `slot-${index}-details`;
  const bestRoom = s.rooms[0];
  return (
    <li className={mergeClasses(styles.card, expanded && styles.open)} data-slot-start={s.start}>
      <Button
        appearance="transparent"
        className={styles.header}
        aria-expanded={expanded}
        aria-controls={bodyId}
        icon={expanded ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
        iconPosition="after"
        onClick={props.onToggle}
      >
        <span className={styles.headText}>
          <span className={styles.line}>
            <Text weight="semibold">{formatSlot(start, end, props.locale)}</Text>
            {index === 0 ? (
              <Badge appearance="tint" color="brand" size="small">
                Best
              </Badge>
            ) : null}
            {props.applied ? (
              <Badge appearance="tint" color="success" size="small">
                Applied
              </Badge>
            ) : null}
          </span>
          <Text size={200} className={styles.muted}>
            {describeCounts(counts)}
            {props.needRoom ? (bestRoom ? ` · ${bestRoom.displayName}` : ' · no free room') : ''}
          </Text>
        </span>
      </Button>
      {expanded ? (
        <div id={bodyId} className={styles.body}>
          <SlotAttendees attendees={s.attendees} nameOf={props.nameOf} />
          {props.needRoom ? (
            s.rooms.length > 0 ? (
              <RoomChoice
                rooms={s.rooms}
                value={room}
                name={`room-${index}`}
                onChange={props.onRoom}
              />
            ) : (
              <Text size={200}>No room that fits is free at this time.</Text>
            )
          ) : null}
          <div>
            <Button appearance="primary" disabled={props.applying} onClick={props.onApply}>
              {props.applying ? <Spinner size="extra-tiny" /> : null}
              {room !== NO_ROOM && props.needRoom ? 'Apply time and room' : 'Apply time'}
            </Button>
          </div>
          {props.applied ? (
            <MessageBar intent="success" layout="multiline" politeness="polite">
              <MessageBarBody>
                <MessageBarTitle>Applied to the meeting</MessageBarTitle>
                {formatSlot(start, end, props.locale)}
                {props.appliedRoomName ? ` in ${props.appliedRoomName}` : ''}. Check the meeting,
                then send it. For a Teams meeting, switch on <strong>Teams meeting</strong> in the
                meeting form yourself: add-ins can&apos;t switch it on.
              </MessageBarBody>
            </MessageBar>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
