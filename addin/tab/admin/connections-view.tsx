// Connections: connect a tenant, and every tenant connection of the org with its lifecycle actions.
// Refreshes as soon as a consent result is announced in this browser, and polls while a connection
// is verifying (consent takes minutes to replicate at Microsoft).
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { listConnections, type TenantConnection } from '../../api/connections.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { useSession } from '../../ui/session.js';
import { useConsentResults } from '../../ui/use-consent-results.js';
import { usePolling } from '../../ui/use-polling.js';
import { useResource } from '../../ui/use-resource.js';
import { ConnectionCard } from './connection-card.js';
import { ConnectTenant } from './connect-tenant.js';

/** How long the list keeps refreshing after a consent window went its own way. */
const WATCH_MS = 3 * 60_000;
/**
 * A consent result arrives on the `quorum-consent` channel at once; polling only backs it up (a
 * browser that does not share the channel with the consent window, such as Teams' own window).
 */
const WATCH_POLL_MS = 10_000;
/** While Microsoft applies a consent, Quorum verifies on its own: nothing announces the end. */
const VERIFYING_POLL_MS = 2_000;

const useStyles = makeStyles({
  page: { display: 'grid', rowGap: tokens.spacingVerticalL },
  list: { display: 'grid', rowGap: tokens.spacingVerticalL },
});

export function ConnectionsView() {
  const styles = useStyles();
  const { api } = useSession();
  const list = useResource(() => listConnections(api), [api]);
  const reload = useCallback(() => list.reload(), [list]);
  const verifying = list.data?.connections.some((c) => c.health.state === 'verifying') ?? false;
  const [watching, setWatching] = useState(false);
  useEffect(() => {
    if (!watching) return undefined;
    const timer = window.setTimeout(() => setWatching(false), WATCH_MS);
    return () => window.clearTimeout(timer);
  }, [watching]);
  usePolling(reload, verifying || watching, verifying ? VERIFYING_POLL_MS : WATCH_POLL_MS);
  useConsentResults(() => {
    setWatching(false);
    void reload();
  });

  const replace = (next: TenantConnection) => {
    if (!list.data) return;
    const known = list.data.connections.some((c) => c.id === next.id);
    const connections = known
      ? list.data.connections.map((c) => (c.id === next.id ? next : c))
      : [...list.data.connections, next];
    list.set({ ...list.data, connections });
  };
  const drop = (id: string) => {
    if (!list.data) return;
    list.set({ ...list.data, connections: list.data.connections.filter((c) => c.id !== id) });
  };

  return (
    <div className={styles.page}>
      <ConnectTenant onChanged={reload} onCreated={replace} onWatch={() => setWatching(true)} />
      {list.data?.alerts.map((alert) => (
        <MessageBar key={alert.id} intent={alert.severity === 'critical' ? 'error' : 'warning'}>
          <MessageBarBody>
            {alert.message} {alert.fix ? `What to do: ${alert.fix}` : ''}
          </MessageBarBody>
        </MessageBar>
      ))}
      <ErrorBar error={list.error} title="Connections could not be loaded" />
      {list.data ? (
        <div className={styles.list} aria-label="Tenant connections" role="list">
          {list.data.connections.map((c) => (
            <div role="listitem" key={c.id}>
              <ConnectionCard connection={c} onChanged={replace} onDeleted={drop} />
            </div>
          ))}
        </div>
      ) : list.error ? null : (
        <Spinner label="Loading connections…" />
      )}
    </div>
  );
}
