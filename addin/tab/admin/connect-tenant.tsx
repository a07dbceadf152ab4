// Connecting a tenant (DESIGN J1): grant consent now in a popup (through the host, since Microsoft's
// pages do not render inside Teams), hand a tenant administrator the activation link, or bring
// your own app registration.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { createConsentLink, type TenantConnection } from '../../api/connections.js';
import { CopyField } from '../../ui/copy-field.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction, useNotify } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { ByoDialog } from './byo-dialog.js';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** What the consent result page posts to its opener (server/connections/consent-page.ts). */
interface ConsentMessage {
  type: 'quorum:consent';
  ok: boolean;
  status: 'connected' | 'verifying' | 'failed';
  code: string | null;
  reason: string | null;
}

function parseConsent(result: string | null): ConsentMessage | null {
  try {
    const value = JSON.parse(result ?? '') as Partial<ConsentMessage>;
    return value.type === 'quorum:consent' ? (value as ConsentMessage) : null;
  } catch {
    return null;
  }
}

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
    const outcome = await host.openPopup(popupLink.url, { width: 600, height: 700 });
    if (outcome.kind === 'blocked') {
      notify(
        'error',
        'The sign-in window was blocked',
        'Allow pop-ups, or use the activation link.',
      );
      await createLink();
      return;
    }
    const message = outcome.kind === 'completed' ? parseConsent(outcome.result) : null;
    if (message?.status === 'connected') notify('success', 'Tenant connected');
    else if (message?.status === 'verifying') {
      notify('info', 'Consent received', 'Microsoft is still applying it; Quorum keeps checking.');
    } else if (message?.status === 'failed') {
      notify('error', 'The tenant is not connected', message.reason ?? message.code ?? undefined);
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
