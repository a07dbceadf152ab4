// An appointment form laid out like Outlook's "New event": title, attendees, start and end, Teams
// meeting, location. Every field reads and writes the demo's AppointmentStore, which the add-in
// sees through the fake Office host.
import { Input, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AppointmentStore } from './appointment-store.js';
import { DateTimeField } from './date-time-field.js';
import { LocationField } from './location-field.js';
import { RecipientField } from './recipient-field.js';
import { useAppointmentState } from './use-store.js';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  title: { fontSize: tokens.fontSizeBase500 },
  times: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalM,
  },
});

export function AppointmentForm({ store }: { store: AppointmentStore }) {
  const styles = useStyles();
  const state = useAppointmentState(store);
  const [endError, setEndError] = useState<string | null>(null);
  return (
    <form className={styles.form} aria-label="New meeting" onSubmit={(e) => e.preventDefault()}>
      <Input
        className={styles.title}
        appearance="underline"
        size="large"
        aria-label="Title"
        placeholder="Add a title"
        value={state.subject}
        onChange={(_, data) => store.setSubject(data.value)}
      />
      <RecipientField
        label="Required attendees"
        recipients={state.required}
        onChange={(r) => store.setRecipients('required', r)}
      />
      <RecipientField
        label="Optional attendees"
        recipients={state.optional}
        onChange={(r) => store.setRecipients('optional', r)}
      />
      <div className={styles.times}>
        <DateTimeField
          label="Start"
          value={state.start}
          onChange={(d) => {
            store.setStart(d);
            setEndError(null);
          }}
        />
        <DateTimeField
          label="End"
          value={state.end}
          error={endError}
          onChange={(d) => {
            try {
              store.setEnd(d);
              setEndError(null);
            } catch (error) {
              setEndError((error as Error).message);
            }
          }}
        />
      </div>
      <Switch
        label="Teams meeting"
        checked={state.teamsMeeting}
        onChange={(_, data) => store.setTeamsMeeting(data.checked)}
      />
      <LocationField
        locations={state.locations}
        onAdd={(l) => store.addLocations([l])}
        onRemove={(id) => store.removeLocations([id])}
      />
    </form>
  );
}
