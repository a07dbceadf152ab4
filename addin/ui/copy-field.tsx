// A read-only value with a Copy button. Teams frames may deny the clipboard API, so copying falls
// back to selecting the text and the legacy copy command.
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';

const useStyles = makeStyles({
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS },
  input: { flexGrow: 1 },
});

export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <Field label={label} hint={hint}>
      <div className={styles.row}>
        <Input ref={input} className={styles.input} readOnly value={value} />
        <Button icon={<CopyRegular />} onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </Field>
  );
}
