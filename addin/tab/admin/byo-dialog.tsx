// "Bring your own app registration" (DESIGN J1.3): tenant id, client id and a credential. Saved
// turned off; the admin verifies and enables it from its card.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { createConnection, type TenantConnection } from '../../api/connections.js';
import { useAction } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import {
  CredentialFields,
  credentialInput,
  EMPTY_CREDENTIAL,
  type CredentialDraft,
} from './credential-fields.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM },
});

export function ByoDialog({ onCreated }: { onCreated: (c: TenantConnection) => void }) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const [open, setOpen] = useState(false);
  const [tenantId, setTenantId] = useState('');
  const [clientId, setClientId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [credential, setCredential] = useState<CredentialDraft>(EMPTY_CREDENTIAL);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const input = credentialInput(credential);
    if (!GUID.test(tenantId.trim()))
      return setProblem('The tenant id is a GUID (Entra → Overview).');
    if (!GUID.test(clientId.trim()))
      return setProblem('The client id is a GUID (app registration → Overview).');
    if (typeof input === 'string') return setProblem(input);
    setProblem(null);
    const created = await run(
      'create',
      () =>
        createConnection(api, {
          tenantId: tenantId.trim(),
          clientId: clientId.trim(),
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          credential: input,
        }),
      'Connection saved. Verify it, then turn it on.',
    );
    if (created) {
      onCreated(created);
      setOpen(false);
      setCredential(EMPTY_CREDENTIAL);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button>Use your own app registration</Button>
      </DialogTrigger>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>Your own app registration</DialogTitle>
            <DialogContent className={styles.form}>
              <Text>
                Register a single-tenant app in Microsoft Entra with the application permissions
                Quorum needs and grant admin consent there. Quorum saves the connection turned off
                until it has verified it.
              </Text>
              <Field label="Directory (tenant) id" required>
                <Input value={tenantId} onChange={(_, d) => setTenantId(d.value)} />
              </Field>
              <Field label="Application (client) id" required>
                <Input value={clientId} onChange={(_, d) => setClientId(d.value)} />
              </Field>
              <Field label="Name shown in Quorum" hint="Defaults to the tenant's name.">
                <Input value={displayName} onChange={(_, d) => setDisplayName(d.value)} />
              </Field>
              <CredentialFields draft={credential} onChange={setCredential} />
              {problem ? (
                <Text role="alert" weight="semibold">
                  {problem}
                </Text>
              ) : null}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabled={busy === 'create'}>
                Save
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
