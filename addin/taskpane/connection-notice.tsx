// When Quorum cannot reach the organizer's Microsoft 365 tenant yet, everyone would show as unknown;
// the pane says why instead, in the server's words, and where an admin fixes it.
import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Me } from '../api/me.js';

export function ConnectionNotice({ me }: { me: Me | undefined }) {
  const onboarding = me?.onboarding;
  if (!onboarding) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Quorum isn&apos;t connected to your organization yet</MessageBarTitle>
        {onboarding.message} Until then, Quorum can&apos;t see anyone&apos;s calendar.
        {onboarding.canGrantConsent ? (
          <>
            {' '}
            <Link href="/tab" target="_blank" rel="noopener">
              Open Quorum to connect it
            </Link>
            .
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
