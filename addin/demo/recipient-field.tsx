// An attendee field like Outlook's: people as chips, an address typed (or picked from the demo
// tenant's people) and added with Enter, a comma or by leaving the field.
import { Avatar, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Recipient } from './appointment-store.js';
import { ChipList } from './chip.js';
import { DEMO_PEOPLE, recipientFor } from './demo-seed.js';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '32px',
  },
  input: { flexGrow: 1, minWidth: '12rem' },
});

const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

export interface RecipientFieldProps {
  readonly label: string;
  readonly recipients: readonly Recipient[];
  onChange(recipients: readonly Recipient[]): void;
}

export function RecipientField({ label, recipients, onChange }: RecipientFieldProps) {
  const styles = useStyles();
  const listId = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const add = () => {
    const typed = text.trim().replace(/[,;]$/, '');
    if (!typed) return;
    if (!EMAIL.test(typed)) {
      setInvalid(`"${typed}" is not an email address.`);
      return;
    }
    const person = recipientFor(typed);
    if (!recipients.some((r) => r.email === person.email)) onChange([...recipients, person]);
    setText('');
    setInvalid(null);
  };

  return (
    <Field label={label} validationMessage={invalid} validationState={invalid ? 'error' : 'none'}>
      <div className={styles.box}>
        <ChipList
          label={label}
          items={recipients.map((r) => ({
            key: r.email,
            label: r.name,
            title: r.email,
            media: <Avatar name={r.name} size={20} aria-hidden />,
          }))}
          onRemove={(email) => onChange(recipients.filter((r) => r.email !== email))}
        />
        <Input
          className={styles.input}
          appearance="underline"
          placeholder="Add people by email"
          aria-label={`Add to ${label.toLowerCase()}`}
          value={text}
          input={{ list: listId }}
          onChange={(_, data) => {
            setText(data.value);
            setInvalid(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
        <datalist id={listId}>
          {DEMO_PEOPLE.map((p) => (
            <option key={p.email} value={p.email}>
              {p.name}
            </option>
          ))}
        </datalist>
      </div>
    </Field>
  );
}
