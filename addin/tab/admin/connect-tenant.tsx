// Connecting a tenant (DESIGN J1): grant consent now in a popup (through the host, since Microsoft's
// pages do not render inside Teams), hand a tenant administrator the activation link, or bring
// your own app registration.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { describeError } from '../../api/api-error.js';
import { createConsentLink, type TenantConnection } from '../../api/connections.js';
import type { PopupOutcome } from '../../host/host-adapter.js';
import { CopyField } from '../../ui/copy-field.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction, useNotify } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { ByoDialog } from './byo-dialog.js';
import { consentToast } from './consent-toast.js';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function ConnectTenant({
  onChanged,
  onCreated,
  onWatch,
}: {
  onChanged: () => Promise<void>;
  onCreated: (c: TenantConnection) => void;
  /** Keep refreshing for a while: the consent may still be finishing in its own window. */
  onWatch: () => void;
}) {
  const styles = useStyles();
  const { api, host } = useSession();
  const notify = useNotify();
  const { busy, run } = useAction();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);

  const createLink = () =>
    run('link', () => createConsentLink(api, 'page')).then((l) => {
      if (l) setLink(l);
    });

  const consentNow = async () => {
    const popupLink = await run('popup', () => createConsentLink(api, 'popup'));
    if (!popupLink) return;
    let outcome: PopupOutcome;
    try {
      outcome = await host.openPopup(popupLink.url, { width: 600, height: 700 });
    } catch (error) {
      // The window broke (not a result page's answer): the consent may still have been recorded.
      notify('error', 'The consent window failed', describeError(error));
      outcome = { kind: 'closed' };
    }
    const toast = consentToast(outcome);
    if (toast) notify(toast.intent, toast.title, toast.body);
    if (outcome.kind === 'blocked') {
      await createLink();
      return;
    }
    // The server records the outcome; the list is the truth. A window that left for Microsoft's
    // pages may report "closed" while the admin is still signing in, so keep watching a while.
    if (outcome.kind === 'closed') onWatch();
    await onChanged();
  };

  return (
    <Section title="Connect a Microsoft 365 tenant">
      <Text>
        A Global Administrator or Privileged Role Administrator of the tenant grants Quorum admin
        consent once; then every member&apos;s calendar is connected, with nothing for members to
        do. If that is you, grant it now. Otherwise send them the activation link, or they can grant
        it in the Teams admin center (Manage apps → Quorum → Permissions).
      </Text>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<PlugConnectedRegular />}
          disabled={busy === 'popup'}
          onClick={() => void consentNow()}
        >
          Grant admin consent now
        </Button>
        <Button disabled={busy === 'link'} onClick={() => void createLink()}>
          Create activation link
        </Button>
        <ByoDialog onCreated={onCreated} />
      </div>
      {link ? (
        <CopyField
          label="Activation link"
          value={link.url}
          hint={`Single use, valid until ${formatDateTime(link.expiresAt)}. Send it to a tenant administrator.`}
        />
      ) : null}
    </Section>
  );
}
