// One tenant connection with everything an admin can do to it: verify, turn on/off, rotate the
// credential, download the generated public certificate, delete.
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  CheckmarkStarburstRegular,
  DeleteRegular,
} from '@fluentui/react-icons';
import {
  deleteConnection,
  getPublicCertificate,
  setConnectionEnabled,
  verifyConnection,
  type TenantConnection,
} from '../../api/connections.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { saveTextFile } from '../../ui/download.js';
import { formatDateTime, formatExpiry, formatRelative } from '../../ui/format.js';
import { FEATURE_LABELS, HEALTH_LABELS, TIER_LABELS } from '../../ui/labels.js';
import { useAction } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import { RotateDialog } from './rotate-dialog.js';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
});

const CREDENTIAL_LABELS = {
  platform: 'Quorum’s app (admin consent)',
  secret: 'Client secret of your app',
  certificate: 'Certificate of your app',
} as const;

const HEALTH_INTENT = {
  healthy: 'success',
  verifying: 'info',
  unverified: 'info',
  broken: 'error',
} as const;

export interface ConnectionCardProps {
  connection: TenantConnection;
  onChanged: (c: TenantConnection) => void;
  onDeleted: (id: string) => void;
}

export function ConnectionCard({ connection: c, onChanged, onDeleted }: ConnectionCardProps) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const mine = c.credential.kind !== 'platform';

  const verify = async () => {
    const result = await run('verify', () => verifyConnection(api, c.id));
    if (result) onChanged(result);
  };
  const toggle = async (enabled: boolean) => {
    const result = await run(
      'toggle',
      () => setConnectionEnabled(api, c.id, enabled),
      enabled ? `${c.displayName} is on` : `${c.displayName} is off; members keep their choices`,
    );
    if (result) onChanged(result);
  };
  const download = async () => {
    const pem = await run('cert', () => getPublicCertificate(api, c.id));
    if (pem) saveTextFile(`quorum-${c.tenantId}.cer`, pem, 'application/x-pem-file');
  };
  const remove = async () => {
    const done = await run(
      'delete',
      () => deleteConnection(api, c.id).then(() => true),
      `${c.displayName} was deleted`,
    );
    if (done) onDeleted(c.id);
  };

  return (
    <Card className={styles.card} aria-label={`Connection ${c.displayName}`}>
      <CardHeader
        header={
          <Text weight="semibold" size={400}>
            {c.displayName}
          </Text>
        }
        description={<Caption1>{c.verifiedDomains.join(', ') || c.tenantId}</Caption1>}
        action={
          <Switch
            checked={c.enabled}
            disabled={busy === 'toggle'}
            label={c.enabled ? 'On' : 'Off'}
            onChange={(_, data) => void toggle(data.checked)}
          />
        }
      />
      <MessageBar intent={HEALTH_INTENT[c.health.state]} layout="multiline">
        <MessageBarBody>
          <strong>{HEALTH_LABELS[c.health.state]}</strong>
          {c.health.summary ? ` — ${c.health.summary}` : ''}
          {c.health.fix ? ` What to do: ${c.health.fix}` : ''}
          {c.health.detail ? <Caption1 block>{c.health.detail}</Caption1> : null}
          {c.health.aadsts || c.health.requestId ? (
            <Caption1 block>
              {c.health.aadsts ? `AADSTS${c.health.aadsts} ` : ''}
              {c.health.requestId ? `request id ${c.health.requestId}` : ''}
            </Caption1>
          ) : null}
        </MessageBarBody>
      </MessageBar>
      <dl className={styles.facts}>
        <dt className={styles.term}>Tenant id</dt>
        <dd className={styles.value}>{c.tenantId}</dd>
        <dt className={styles.term}>Credential</dt>
        <dd className={styles.value}>
          {CREDENTIAL_LABELS[c.credential.kind]}
          {mine ? ` (client id ${c.credential.clientId})` : ''}
        </dd>
        {c.credential.expiresAt ? (
          <>
            <dt className={styles.term}>Expiry</dt>
            <dd className={styles.value}>{formatExpiry(c.credential.expiresAt)}</dd>
          </>
        ) : null}
        {c.credential.thumbprintSha256 ? (
          <>
            <dt className={styles.term}>Thumbprint (SHA-256)</dt>
            <dd className={styles.value}>
              <code>{c.credential.thumbprintSha256}</code>
            </dd>
          </>
        ) : null}
        <dt className={styles.term}>Permissions</dt>
        <dd className={styles.value}>
          {TIER_LABELS[c.tier]}{' '}
          {c.grantedRoles.map((r) => (
            <Badge key={r} appearance="outline" size="small">
              {r}
            </Badge>
          ))}
        </dd>
        {c.missingFeatures.length > 0 ? (
          <>
            <dt className={styles.term}>Not available</dt>
            <dd className={styles.value}>
              {c.missingFeatures
                .map(
                  (m) =>
                    `${FEATURE_LABELS[m.feature] ?? m.feature} (needs ${m.needs.join(' or ')})`,
                )
                .join('; ')}
            </dd>
          </>
        ) : null}
        <dt className={styles.term}>Last checked</dt>
        <dd className={styles.value}>{formatRelative(c.health.checkedAt)}</dd>
        <dt className={styles.term}>Directory</dt>
        <dd className={styles.value}>
          {c.sync.running
            ? 'Syncing now'
            : c.sync.lastFullAt
              ? `Full read ${formatDateTime(c.sync.lastFullAt)}, changes ${formatRelative(c.sync.lastDeltaAt)}`
              : 'Not read yet'}
        </dd>
      </dl>
      <div className={styles.actions}>
        <Button
          icon={<CheckmarkStarburstRegular />}
          disabled={busy === 'verify'}
          onClick={() => void verify()}
        >
          {busy === 'verify' ? 'Verifying…' : 'Verify now'}
        </Button>
        {mine ? <RotateDialog connection={c} onRotated={onChanged} /> : null}
        {c.credential.generated ? (
          <Button icon={<ArrowDownloadRegular />} onClick={() => void download()}>
            Download public certificate
          </Button>
        ) : null}
        <ConfirmButton
          label="Delete"
          icon={<DeleteRegular />}
          title={`Delete ${c.displayName}?`}
          confirmLabel="Delete connection"
          disabled={busy === 'delete'}
          onConfirm={() => void remove()}
        >
          Quorum stops reading calendars in this tenant, removes its Graph subscriptions and purges
          the directory data it copied from it. Members of this tenant show as not connected.
        </ConfirmButton>
      </div>
    </Card>
  );
}
