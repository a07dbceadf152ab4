// A list of email addresses typed one at a time (Enter, comma or Add), shown as removable tags.
import {
  Button,
  Field,
  Input,
  makeStyles,
  Tag,
  TagGroup,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const useStyles = makeStyles({
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS },
  input: { flexGrow: 1 },
  tags: { flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalXS },
});

export interface EmailListInputProps {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  hint?: string;
}

export function EmailListInput({ label, values, onChange, hint }: EmailListInputProps) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const entries = text
      .split(/[\s,;]+/)
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean);
    const bad = entries.find((e) => !EMAIL.test(e));
    if (bad) {
      setProblem(`${bad} is not an email address.`);
      return;
    }
    onChange([...new Set([...values, ...entries])]);
    setText('');
    setProblem(null);
  };
  return (
    <Field label={label} hint={hint} validationMessage={problem ?? undefined}>
      <div className={styles.row}>
        <Input
          className={styles.input}
          type="email"
          value={text}
          placeholder="name@company.com"
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              if (text.trim()) add();
            }
          }}
        />
        <Button disabled={!text.trim()} onClick={add}>
          Add
        </Button>
      </div>
      {values.length > 0 ? (
        <TagGroup
          className={styles.tags}
          aria-label={label}
          onDismiss={(_, d) => onChange(values.filter((v) => v !== d.value))}
        >
          {values.map((v) => (
            <Tag key={v} value={v} dismissible dismissIcon={{ 'aria-label': `Remove ${v}` }}>
              {v}
            </Tag>
          ))}
        </TagGroup>
      ) : null}
    </Field>
  );
}
