// A date and a time in the browser's zone (the organizer's), as one field, like Outlook's.
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

const pad = (n: number) => String(n).padStart(2, '0');
const dateValue = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const timeValue = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** `YYYY-MM-DD` and `HH:MM` read as local time; null when either is incomplete. */
export function localDate(date: string, time: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
}

export interface DateTimeFieldProps {
  readonly label: string;
  readonly value: Date;
  readonly error?: string | null;
  onChange(value: Date): void;
}

export function DateTimeField({ label, value, error, onChange }: DateTimeFieldProps) {
  const styles = useStyles();
  return (
    <Field
      label={label}
      validationMessage={error ?? null}
      validationState={error ? 'error' : 'none'}
    >
      <div className={styles.row}>
        <Input
          type="date"
          aria-label={`${label} date`}
          value={dateValue(value)}
          onChange={(_, data) => {
            const next = localDate(data.value, timeValue(value));
            if (next) onChange(next);
          }}
        />
        <Input
          type="time"
          aria-label={`${label} time`}
          step={300}
          value={timeValue(value)}
          onChange={(_, data) => {
            const next = localDate(dateValue(value), data.value);
            if (next) onChange(next);
          }}
        />
      </div>
    </Field>
  );
}
