// The free rooms of one slot, best fit first: pick one (or none) to book with the time.
import { Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Room } from './schedule-api.js';

const useStyles = makeStyles({
  detail: { display: 'block', color: tokens.colorNeutralForeground2 },
});

/** "12 seats · Building 1 · Floor 2 · wheelchair accessible". */
export function describeRoom(room: Room): string {
  const parts = [
    room.capacity !== null ? `${room.capacity} seats` : null,
    room.building,
    room.floorLabel ?? (room.floorNumber !== null ? `Floor ${room.floorNumber}` : null),
    room.accessible ? 'wheelchair accessible' : null,
    room.bookingType === 'reserved' ? 'needs approval' : null,
  ];
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}

export const NO_ROOM = '';

export interface RoomChoiceProps {
  readonly rooms: readonly Room[];
  /** The chosen room's address, or NO_ROOM. */
  readonly value: string;
  readonly name: string;
  onChange(email: string): void;
}

export function RoomChoice({ rooms, value, name, onChange }: RoomChoiceProps) {
  const styles = useStyles();
  return (
    <RadioGroup
      name={name}
      aria-label="Room"
      value={value}
      onChange={(_, data) => onChange(data.value)}
    >
      {rooms.map((room) => (
        <Radio
          key={room.email}
          value={room.email}
          label={
            <>
              {room.displayName}
              <Text size={200} className={styles.detail}>
                {describeRoom(room)}
              </Text>
            </>
          }
        />
      ))}
      <Radio value={NO_ROOM} label="No room" />
    </RadioGroup>
  );
}
