// Who Quorum cannot see, and why, in the words the server chose for an organizer. They count as
// busy (the org's free/busy policy fails closed), so the pane says so instead of implying "free".
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { plural } from './format.js';
import type { AttendeeSummary } from './schedule-api.js';

const useStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  item: { marginBottom: tokens.spacingVerticalXXS },
});

export interface UnknownAttendeesProps {
  readonly unknown: readonly AttendeeSummary[];
  nameOf(email: string): string;
}

export function UnknownAttendees({ unknown, nameOf }: UnknownAttendeesProps) {
  const styles = useStyles();
  if (unknown.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>
          Quorum can&apos;t see {plural(unknown.length, 'calendar')}
        </MessageBarTitle>
        They count as busy in every suggestion. Check with them before you send.
        <ul className={styles.list}>
          {unknown.map((a) => (
            <li key={a.email} className={styles.item} data-reason={a.reason ?? undefined}>
              <strong>{nameOf(a.email)}</strong>: {a.detail ?? 'Quorum cannot read this calendar.'}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
