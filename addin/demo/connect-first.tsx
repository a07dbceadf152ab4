// On a fresh `npm start` nobody has connected the emulated tenant yet: the demo says so and how
// (the admin journey in the Quorum tab), rather than showing a pane where everyone is unknown.
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { Me } from '../api/me.js';

export function ConnectFirst({ me }: { me: Me | null }) {
  if (!me?.onboarding) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Connect the tenant first</MessageBarTitle>
        Quorum is not connected to {me.user.username?.split('@')[1] ?? 'your tenant'} yet, so the
        add-in cannot see anyone&apos;s calendar.{' '}
        {me.onboarding.canGrantConsent ? (
          <>
            Open the{' '}
            <Link href="/tab" target="_blank" rel="noopener">
              Quorum tab
            </Link>
            , choose <strong>Connections</strong> and grant admin consent, then reload this page.
          </>
        ) : (
          <>Sign in as a tenant administrator (Megan Bowen in Contoso) to connect it.</>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
