// The meeting's locations: rooms (booked, like Outlook's room finder) and typed places.
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { ConferenceRoom16Regular, Location16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { FormLocation } from './appointment-store.js';
import { ChipList } from './chip.js';

const useStyles = makeStyles({
  box: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  input: { flexGrow: 1, minWidth: '12rem' },
});

export interface LocationFieldProps {
  readonly locations: readonly FormLocation[];
  onAdd(location: FormLocation): void;
  onRemove(id: string): void;
}

export function LocationField({ locations, onAdd, onRemove }: LocationFieldProps) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const add = () => {
    const place = text.trim();
    if (place) onAdd({ id: place, type: 'custom', displayName: place });
    setText('');
  };
  return (
    <Field label="Location">
      <div className={styles.box}>
        <ChipList
          label="Locations"
          items={locations.map((l) => ({
            key: l.id,
            label: l.displayName,
            title: l.id,
            secondary: l.type === 'room' ? 'Room' : undefined,
            media:
              l.type === 'room' ? (
                <ConferenceRoom16Regular aria-hidden />
              ) : (
                <Location16Regular aria-hidden />
              ),
            attributes: { 'data-location-type': l.type },
          }))}
          onRemove={onRemove}
        />
        <Input
          className={styles.input}
          appearance="underline"
          placeholder="Add a location"
          aria-label="Add a location"
          value={text}
          onChange={(_, data) => setText(data.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
      </div>
    </Field>
  );
}
