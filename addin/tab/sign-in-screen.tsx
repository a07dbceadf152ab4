// Shown in a plain browser before sign-in: one button to the authority's sign-in (the emulator's
// user picker locally). Inside Teams this never shows: Teams signs the user in.
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
    maxWidth: '28rem',
    padding: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalL,
  },
});

export function SignInScreen({ onSignIn }: { onSignIn: () => Promise<void> }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <main className={styles.page}>
      <Card className={styles.card}>
        <Title2 as="h1">Quorum</Title2>
        <Text as="p">
          Every member&apos;s Outlook calendar, connected once by your Microsoft 365 administrator.
          Sign in with your work account to see your organization&apos;s calendar connections.
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
          Sign in with Microsoft
        </Button>
        {error ? <Text role="alert">{describeError(error)}</Text> : null}
      </Card>
    </main>
  );
}
