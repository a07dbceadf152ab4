// The demo's title bar: what this page is, the signed-in demo user, theme and sign-out.
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
import type { HostAdapter, ThemePreference } from '../host/host-adapter.js';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { flexGrow: 1, display: 'flex', flexDirection: 'column' },
  onBrand: { color: tokens.colorNeutralForegroundOnBrand },
});

const THEMES: Record<ThemePreference, string> = {
  system: 'Match system',
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

export function DemoHeader({ host }: { host: HostAdapter }) {
  const styles = useStyles();
  const themeSwitch = host.themeSwitch;
  const [preference, setPreference] = useState(themeSwitch?.preference ?? 'system');
  return (
    <header className={styles.bar}>
      <div className={styles.title}>
        <Text as="h1" weight="semibold" size={400} className={styles.onBrand}>
          Outlook demo: Quorum&apos;s add-in on an emulated meeting
        </Text>
        <Text size={200} className={styles.onBrand}>
          Signed in as {host.context.loginHint ?? 'a demo user'}
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
            <Button
              appearance="transparent"
              className={styles.onBrand}
              icon={<DarkThemeRegular />}
              aria-label="Theme"
            />
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {(Object.keys(THEMES) as ThemePreference[]).map((t) => (
                <MenuItemRadio key={t} name="theme" value={t}>
                  {THEMES[t]}
                </MenuItemRadio>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : null}
      {host.signOut ? (
        <Button
          appearance="transparent"
          className={styles.onBrand}
          onClick={() => void host.signOut?.()}
        >
          Sign out
        </Button>
      ) : null}
    </header>
  );
}
