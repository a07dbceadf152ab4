// Settings: the org's policies and its admins.
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { Role } from '../../api/me.js';
import { getSettings } from '../../api/settings.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';
import { AdminsPanel } from './admins-panel.js';
import { SettingsForm } from './settings-form.js';

const useStyles = makeStyles({ page: { display: 'grid', rowGap: tokens.spacingVerticalL } });

export function SettingsView({ myRole }: { myRole: Role | null }) {
  const styles = useStyles();
  const { api } = useSession();
  const settings = useResource(() => getSettings(api), [api]);
  return (
    <div className={styles.page}>
      <ErrorBar error={settings.error} title="Settings could not be loaded" />
      {settings.data ? (
        <SettingsForm saved={settings.data} onSaved={settings.set} />
      ) : settings.error ? null : (
        <Spinner label="Loading settings…" />
      )}
      <AdminsPanel myRole={myRole} />
    </div>
  );
}
