// The tab after sign-in: who the caller is decides the view (admins also get their own calendar).
import { Spinner } from '@fluentui/react-components';
import { getMe } from '../api/me.js';
import { ErrorBar } from '../ui/error-bar.js';
import { useSession } from '../ui/session.js';
import { useResource } from '../ui/use-resource.js';
import { TabHeader } from './tab-header.js';

export function TabApp() {
  const { api } = useSession();
  const me = useResource(() => getMe(api), [api]);
  if (!me.data) {
    return me.error ? (
      <ErrorBar error={me.error} title="Quorum could not load your account" />
    ) : (
      <Spinner label="Loading Quorum…" />
    );
  }
  return <TabHeader me={me.data} />;
}
