// The credential part of the bring-your-own form and of rotation: a client secret with its expiry,
// a certificate with its private key, or a key pair Quorum generates (only the public half leaves).
import {
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { CredentialInput } from '../../api/connections.js';

export type CredentialKind = CredentialInput['kind'];

export interface CredentialDraft {
  kind: CredentialKind;
  secret: string;
  /** `YYYY-MM-DD` from the date input. */
  expiresOn: string;
  certificatePem: string;
  privateKeyPem: string;
  validDays: string;
}

export const EMPTY_CREDENTIAL: CredentialDraft = {
  kind: 'generateCertificate',
  secret: '',
  expiresOn: '',
  certificatePem: '',
  privateKeyPem: '',
  validDays: '365',
};

/** The request body for a draft, or the first thing the admin still has to fill in. */
export function credentialInput(d: CredentialDraft): CredentialInput | string {
  if (d.kind === 'secret') {
    if (!d.secret) return 'Enter the client secret value.';
    if (!d.expiresOn) return 'Enter the date the secret expires (shown beside it in Entra).';
    return {
      kind: 'secret',
      secret: d.secret,
      expiresAt: new Date(`${d.expiresOn}T23:59:59`).toISOString(),
    };
  }
  if (d.kind === 'certificate') {
    if (!d.certificatePem.includes('BEGIN CERTIFICATE')) return 'Paste the certificate (PEM).';
    if (!d.privateKeyPem.includes('PRIVATE KEY')) return 'Paste the private key (PEM).';
    return {
      kind: 'certificate',
      certificatePem: d.certificatePem,
      privateKeyPem: d.privateKeyPem,
    };
  }
  const days = Number(d.validDays);
  if (!Number.isInteger(days) || days < 1) return 'Enter how many days the certificate is valid.';
  return { kind: 'generateCertificate', validDays: days };
}

const useStyles = makeStyles({
  fields: { display: 'grid', rowGap: tokens.spacingVerticalM },
  pem: { fontFamily: tokens.fontFamilyMonospace },
});

export function CredentialFields({
  draft,
  onChange,
}: {
  draft: CredentialDraft;
  onChange: (draft: CredentialDraft) => void;
}) {
  const styles = useStyles();
  const set = (patch: Partial<CredentialDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className={styles.fields}>
      <Field label="Credential">
        <RadioGroup
          value={draft.kind}
          onChange={(_, data) => set({ kind: data.value as CredentialKind })}
        >
          <Radio
            value="generateCertificate"
            label="Generate a certificate for me (recommended: the private key never leaves Quorum)"
          />
          <Radio value="certificate" label="A certificate I already have" />
          <Radio value="secret" label="A client secret" />
        </RadioGroup>
      </Field>
      {draft.kind === 'secret' ? (
        <>
          <Field label="Client secret value" required>
            <Input
              type="password"
              autoComplete="off"
              value={draft.secret}
              onChange={(_, data) => set({ secret: data.value })}
            />
          </Field>
          <Field
            label="Expires on"
            required
            hint="Quorum alerts 30, 14, 7 and 1 days before this date."
          >
            <Input
              type="date"
              value={draft.expiresOn}
              onChange={(_, data) => set({ expiresOn: data.value })}
            />
          </Field>
        </>
      ) : null}
      {draft.kind === 'certificate' ? (
        <>
          <Field label="Certificate (PEM)" required>
            <Textarea
              className={styles.pem}
              resize="vertical"
              value={draft.certificatePem}
              placeholder="-----BEGIN CERTIFICATE-----"
              onChange={(_, data) => set({ certificatePem: data.value })}
            />
          </Field>
          <Field label="Private key (PEM)" required hint="Stored encrypted; never shown again.">
            <Textarea
              className={styles.pem}
              resize="vertical"
              value={draft.privateKeyPem}
              placeholder="-----BEGIN PRIVATE KEY-----"
              onChange={(_, data) => set({ privateKeyPem: data.value })}
            />
          </Field>
        </>
      ) : null}
      {draft.kind === 'generateCertificate' ? (
        <Field
          label="Valid for (days)"
          hint="After saving, download the public certificate and upload it to the app registration."
        >
          <Input
            type="number"
            min={1}
            value={draft.validDays}
            onChange={(_, data) => set({ validDays: data.value })}
          />
        </Field>
      ) : null}
    </div>
  );
}
