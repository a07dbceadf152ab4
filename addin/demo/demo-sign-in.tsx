// Before the demo: sign in as a person of the emulated tenant (the emulator's account picker).
import { Button, Card, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../api/api-error.js';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    placeItems: 'center',
    minHeight: '100vh',
    padding: tokens.spacingHorizontalL,
  },
  card: {
    maxWidth: '30rem',
    padding: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalL,
  },
});

export function DemoSignIn({ onSignIn }: { onSignIn: () => Promise<void> }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <Title2 as="h1">Quorum in Outlook, in your browser</Title2>
        <Text as="p">
          This demo opens a meeting beside Quorum&apos;s Outlook add-in. Sign in as someone in the
          emulated Contoso tenant (Megan Bowen, for example) to find a time with colleagues and book
          a room.
        </Text>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onSignIn().catch((e: unknown) => {
              setError(e);
              setBusy(false);
            });
          }}
        >
          Sign in
        </Button>
        {error ? <Text role="alert">{describeError(error)}</Text> : null}
      </Card>
    </main>
  );
}
