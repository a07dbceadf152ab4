// When the page cannot start (no config, sign-in failed): what happened and a way to try again.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorBar } from '../ui/error-bar.js';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '40rem',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
  },
});

export function StartupError({ error }: { error: unknown }) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <ErrorBar error={error} title="Quorum could not start" />
      <div>
        <Button onClick={() => window.location.reload()}>Try again</Button>
      </div>
    </main>
  );
}
