// The tab's title bar: the org, the signed-in person, and (in a plain browser) theme and sign-out.
import {
  Button,
  makeStyles,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DarkThemeRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Me } from '../api/me.js';
import type { ThemePreference } from '../host/host-adapter.js';
import { useSession } from '../ui/session.js';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { flexGrow: 1, display: 'flex', flexDirection: 'column' },
});

const THEME_LABELS: Record<ThemePreference, string> = {
  system: 'Match system',
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

export function TabHeader({ me }: { me: Me }) {
  const styles = useStyles();
  const { host } = useSession();
  const themeSwitch = host.themeSwitch;
  const [preference, setPreference] = useState(themeSwitch?.preference ?? 'system');
  const role = me.user.role ? ` · ${me.user.role}` : '';
  return (
    <header className={styles.bar}>
      <div className={styles.title}>
        <Text weight="semibold" size={400}>
          Quorum{me.org ? ` — ${me.org.name}` : ''}
        </Text>
        <Text size={200}>
          {me.user.name ?? me.user.username ?? 'Signed in'}
          {role}
        </Text>
      </div>
      {themeSwitch ? (
        <Menu
          checkedValues={{ theme: [preference] }}
          onCheckedValueChange={(_, data) => {
            const next = data.checkedItems[0] as ThemePreference;
            setPreference(next);
            themeSwitch.set(next);
          }}
        >
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="subtle" icon={<DarkThemeRegular />}>
              Theme
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {(Object.keys(THEME_LABELS) as ThemePreference[]).map((value) => (
                <MenuItemRadio key={value} name="theme" value={value}>
                  {THEME_LABELS[value]}
                </MenuItemRadio>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : null}
      {host.signOut ? (
        <Button appearance="subtle" onClick={() => void host.signOut?.()}>
          Sign out
        </Button>
      ) : null}
    </header>
  );
}
