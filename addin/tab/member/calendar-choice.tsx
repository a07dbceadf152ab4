// Which of my calendars count for conflicts, and where Quorum books my meetings (a calendar I can
// write, the default, or the "Quorum Scheduler" calendar Quorum creates for me).
import {
  Button,
  Checkbox,
  Field,
  Label,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { getMyCalendars, putCalendarSelection, type MyCalendars } from '../../api/me.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';

const useStyles = makeStyles({
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  list: { display: 'grid', alignContent: 'start', rowGap: tokens.spacingVerticalXS },
});

const DEFAULT = 'default';

function ChoiceForm({
  calendars,
  onSaved,
}: {
  calendars: MyCalendars;
  onSaved: (c: MyCalendars) => void;
}) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const [selected, setSelected] = useState(
    new Set(calendars.calendars.filter((c) => c.selected).map((c) => c.id)),
  );
  const [destination, setDestination] = useState(calendars.destinationCalendarId ?? DEFAULT);
  const save = async () => {
    const saved = await run(
      'save',
      () =>
        putCalendarSelection(api, {
          selectedCalendarIds: [...selected],
          destinationCalendarId: destination === DEFAULT ? null : destination,
        }),
      'Calendar choices saved',
    );
    if (saved) onSaved(saved);
  };
  return (
    <>
      <div className={styles.columns}>
        <div role="group" aria-labelledby="conflict-calendars" className={styles.list}>
          <Label id="conflict-calendars">Calendars checked for conflicts</Label>
          {calendars.calendars.map((c) => (
            <Checkbox
              key={c.id}
              label={c.isDefault ? `${c.name} (default, always checked)` : c.name}
              checked={c.isDefault || selected.has(c.id)}
              disabled={c.isDefault}
              onChange={(_, d) => {
                const next = new Set(selected);
                if (d.checked === true) next.add(c.id);
                else next.delete(c.id);
                setSelected(next);
              }}
            />
          ))}
        </div>
        <Field label="Where Quorum books your meetings">
          <RadioGroup value={destination} onChange={(_, d) => setDestination(d.value)}>
            {calendars.calendars
              .filter((c) => c.canEdit)
              .map((c) => (
                <Radio key={c.id} value={c.isDefault ? DEFAULT : c.id} label={c.name} />
              ))}
            <Radio
              value={calendars.scheduler.id}
              label={`${calendars.scheduler.name}${calendars.scheduler.exists ? '' : ' (created when first used)'}`}
            />
          </RadioGroup>
        </Field>
      </div>
      <div>
        <Button appearance="primary" disabled={busy === 'save'} onClick={() => void save()}>
          Save calendar choices
        </Button>
      </div>
    </>
  );
}

export function CalendarChoice() {
  const { api } = useSession();
  const calendars = useResource(() => getMyCalendars(api), [api]);
  return (
    <Section title="Calendars">
      <ErrorBar error={calendars.error} />
      {calendars.data ? (
        <ChoiceForm
          key={JSON.stringify(calendars.data)}
          calendars={calendars.data}
          onSaved={calendars.set}
        />
      ) : calendars.error ? null : (
        <Spinner size="tiny" label="Reading your calendars…" />
      )}
      <Text size={200}>
        Your default calendar always counts. Quorum never shows the subjects of your events to
        anyone: colleagues see only when you are busy.
      </Text>
    </Section>
  );
}
