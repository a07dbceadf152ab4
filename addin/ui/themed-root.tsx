// The Fluent root of a page: the host's theme, following its changes, filling the viewport.
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { HostAdapter, ThemeName } from '../host/host-adapter.js';
import { FLUENT_THEMES } from './themes.js';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

export interface ThemedRootProps {
  readonly host: HostAdapter | null;
  /** The theme before a host is known (sign-in page). */
  readonly fallback: ThemeName;
  readonly children: ReactNode;
}

export function ThemedRoot({ host, fallback, children }: ThemedRootProps) {
  const styles = useStyles();
  // The page's height and background go on a wrapper, not the provider: Fluent copies the
  // provider's classes onto every portal (toasts, dialogs, menus, tooltips), an absolutely placed
  // layer above the page, which would then cover the whole viewport while a toast shows.
  // Each page renders one host for its lifetime, so the initial theme comes from it once.
  const [theme, setTheme] = useState<ThemeName>(host?.context.theme ?? fallback);
  useEffect(() => (host ? host.onThemeChange(setTheme) : undefined), [host]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={FLUENT_THEMES[theme]}>
      <div className={styles.root}>{children}</div>
    </FluentProvider>
  );
}
