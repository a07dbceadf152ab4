// Admin overview (DESIGN J2): tiles, sync progress, alerts, and each connection's health, credential
// expiry and permission tier. Polls while a sync runs or a connection is still verifying.
import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback } from 'react';
import { listConnections } from '../../api/connections.js';
import { getOrgStatus, startSync, type MemberFilter } from '../../api/org.js';
import type { StatusReason } from '../../api/status-types.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { formatCount } from '../../ui/format.js';
import { REASON_LABELS } from '../../ui/labels.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { useConsentResults } from '../../ui/use-consent-results.js';
import { usePolling } from '../../ui/use-polling.js';
import { useResource } from '../../ui/use-resource.js';
import { ConnectionHealth } from './connection-health.js';
import { StatusTiles } from './status-tiles.js';
import { SyncPanel } from './sync-panel.js';

const useStyles = makeStyles({
  page: { display: 'grid', rowGap: tokens.spacingVerticalL },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const SEVERITY = { info: 'info', warning: 'warning', critical: 'error' } as const;

export interface OverviewProps {
  onOpenMembers: (filter: MemberFilter) => void;
  onOpenConnections: () => void;
}

export function Overview({ onOpenMembers, onOpenConnections }: OverviewProps) {
  const styles = useStyles();
  const { api } = useSession();
  const status = useResource(() => getOrgStatus(api), [api]);
  const connections = useResource(() => listConnections(api), [api]);
  const { busy, run } = useAction();

  const refresh = useCallback(async () => {
    await Promise.all([status.reload(), connections.reload()]);
  }, [status, connections]);
  const verifying = connections.data?.connections.some((c) => c.health.state === 'verifying');
  const busyServer = Boolean(status.data?.sync.running || verifying);
  const checking = (status.data?.members.byCategory.checking ?? 0) > 0;
  // Fast while the server works; slower while members still wait for their first check.
  usePolling(refresh, busyServer || checking, busyServer ? 2_000 : 5_000);
  // A tenant just consented (in a popup, or with the activation link in another window).
  useConsentResults(() => void refresh());

  if (!status.data || !connections.data) {
    const error = status.error ?? connections.error;
    return error ? <ErrorBar error={error} /> : <Spinner label="Loading the overview…" />;
  }
  const s = status.data;
  const problems = (Object.entries(s.members.byReason) as [StatusReason, number][])
    .filter(([reason, n]) => n > 0 && reason !== 'connected' && reason !== 'checking')
    .sort((a, b) => b[1] - a[1]);

  return (
    <div className={styles.page}>
      {connections.data.connections.length === 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Connect your Microsoft 365 tenant</MessageBarTitle>
            Quorum reads no calendar until a tenant administrator grants it admin consent. Send them
            the activation link, or connect your own app registration.{' '}
            <Link onClick={onOpenConnections}>Go to Connections</Link>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {s.alerts.map((alert) => (
        <MessageBar
          key={`${alert.kind}-${alert.connectionId ?? ''}-${alert.at}`}
          intent={SEVERITY[alert.severity]}
          layout="multiline"
        >
          <MessageBarBody>{alert.message}</MessageBarBody>
        </MessageBar>
      ))}
      <Section title={`Members (${formatCount(s.members.total)})`}>
        <StatusTiles status={s} onOpen={(category) => onOpenMembers({ status: category })} />
        <SyncPanel
          status={s}
          busy={busy === 'sync'}
          onSync={() =>
            void run('sync', () => startSync(api), 'Quorum is checking everyone now').then(refresh)
          }
        />
      </Section>
      {problems.length > 0 ? (
        <Section title="What needs fixing">
          <ul className={styles.reasons}>
            {problems.map(([reason, count]) => (
              <li key={reason}>
                <Text>
                  {REASON_LABELS[reason]}: {formatCount(count)}{' '}
                  <Button appearance="transparent" onClick={() => onOpenMembers({ reason })}>
                    Show {count === 1 ? 'member' : 'members'}
                  </Button>
                </Text>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {connections.data.connections.length > 0 ? (
        <Section title="Tenant connections">
          <ConnectionHealth connections={connections.data.connections} />
        </Section>
      ) : null}
    </div>
  );
}
