// Rotating a bring-your-own credential: the connection turns off until it is verified again.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { KeyResetRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { rotateCredential, type TenantConnection } from '../../api/connections.js';
import { useAction } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import {
  CredentialFields,
  credentialInput,
  EMPTY_CREDENTIAL,
  type CredentialDraft,
} from './credential-fields.js';

const useStyles = makeStyles({ form: { display: 'grid', rowGap: tokens.spacingVerticalM } });

export function RotateDialog({
  connection,
  onRotated,
}: {
  connection: TenantConnection;
  onRotated: (c: TenantConnection) => void;
}) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<CredentialDraft>({
    ...EMPTY_CREDENTIAL,
    kind: connection.credential.kind === 'secret' ? 'secret' : 'generateCertificate',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const input = credentialInput(draft);
    if (typeof input === 'string') return setProblem(input);
    setProblem(null);
    const rotated = await run(
      'rotate',
      () => rotateCredential(api, connection.id, input),
      'Credential replaced. Verify the connection and turn it on again.',
    );
    if (rotated) {
      onRotated(rotated);
      setOpen(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<KeyResetRegular />}>Rotate credential</Button>
      </DialogTrigger>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>Rotate the credential of {connection.displayName}</DialogTitle>
            <DialogContent className={styles.form}>
              <Text>
                The connection turns off until Quorum has verified the new credential; members keep
                their calendar choices meanwhile.
              </Text>
              <CredentialFields draft={draft} onChange={setDraft} />
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
              <Button appearance="primary" type="submit" disabled={busy === 'rotate'}>
                Replace credential
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
