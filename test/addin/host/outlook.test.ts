import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../addin/host/app-config.js';
import { HostAuthError } from '../../../addin/host/host-adapter.js';
import { createOutlookHost } from '../../../addin/host/outlook.js';
import { outlookTokenSource } from '../../../addin/host/outlook-token.js';
import { themeFromOffice } from '../../../addin/host/outlook-theme.js';
import type { OfficeApi } from '../../../addin/taskpane/office-api.js';
import { fakeOutlook } from '../support/fake-outlook.js';

const config: AppConfig = {
  clientId: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43',
  authority: 'https://login.example/organizations',
  knownAuthorities: ['login.example'],
  apiScope: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43/access_as_user',
  publicUrl: 'https://quorum.example',
};

function fakeWindow(forcedColors = false) {
  const listeners: (() => void)[] = [];
  const media = {
    matches: forcedColors,
    addEventListener: (_: string, cb: () => void) => listeners.push(cb),
  };
  return {
    win: { matchMedia: () => media, navigator: { language: 'fr-FR' } } as unknown as Window,
    setForced(on: boolean) {
      media.matches = on;
      for (const l of listeners) l();
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

function withSets(office: OfficeApi, supported: (name: string) => boolean): OfficeApi {
  return {
    ...office,
    context: { ...office.context, requirements: { isSetSupported: supported } },
  };
}

describe('the Outlook host', () => {
  it('takes locale, login hint and theme from Office.js', () => {
    const host = createOutlookHost({
      office: fakeOutlook({ background: '#1f1f1f' }),
      window: fakeWindow().win,
      getToken: () => Promise.resolve('t'),
    });
    expect(host.context).toMatchObject({
      kind: 'outlook',
      hostName: 'Outlook',
      locale: 'en-us',
      loginHint: 'megan.bowen@contoso.com',
      theme: 'dark',
    });
  });

  it('follows Outlook’s theme changes and the system’s forced colours', async () => {
    const office = fakeOutlook({ background: '#ffffff' });
    const { win, setForced } = fakeWindow();
    const host = createOutlookHost({ office, window: win, getToken: () => Promise.resolve('t') });
    const seen: string[] = [];
    host.onThemeChange((t) => seen.push(t));
    await tick();
    office.setTheme({ bodyBackgroundColor: '#292929' });
    await tick();
    setForced(true);
    expect(seen).toEqual(['dark', 'contrast']);
    expect(host.context.theme).toBe('contrast');
  });

  it.each([
    ['#ffffff', false, 'light'],
    ['#f5f5f5', false, 'light'],
    ['#1f1f1f', false, 'dark'],
    ['#000000', false, 'dark'],
    ['not a colour', false, 'light'],
    ['#ffffff', true, 'contrast'],
  ] as const)('reads background %s (forced colours %s) as %s', (bg, forced, theme) => {
    expect(themeFromOffice({ bodyBackgroundColor: bg }, forced)).toBe(theme);
  });
});

describe('tokens in Outlook', () => {
  it('uses nested app authentication where Outlook supports NestedAppAuth 1.1', async () => {
    const msal = vi.fn(() => Promise.resolve(() => Promise.resolve('naa-token')));
    const office = withSets(fakeOutlook(), (name) => name === 'NestedAppAuth');
    const source = await outlookTokenSource({ office, config, msal });
    expect(source.method).toBe('naa');
    expect(await source.getToken()).toBe('naa-token');
    expect(msal).toHaveBeenCalledWith(config, { loginHint: 'megan.bowen@contoso.com' });
  });

  it('falls back to the legacy Office SSO, then to a sign-in window when SSO is unavailable', async () => {
    const msal = vi.fn(() => Promise.resolve(() => Promise.resolve('popup-token')));
    const getAccessToken = vi
      .fn()
      .mockResolvedValueOnce('sso-token')
      .mockRejectedValueOnce(Object.assign(new Error('sideloaded'), { code: 13012 }));
    const source = await outlookTokenSource({
      office: fakeOutlook(),
      config,
      msal,
      officeRuntimeAuth: { getAccessToken },
    });
    expect(source.method).toBe('legacy-sso');
    expect(await source.getToken()).toBe('sso-token');
    expect(msal).not.toHaveBeenCalled();
    expect(await source.getToken()).toBe('popup-token');
    expect(await source.getToken()).toBe('popup-token');
    expect(getAccessToken).toHaveBeenCalledTimes(2);
  });

  it('stops when the user cancels the Office sign-in', async () => {
    const source = await outlookTokenSource({
      office: fakeOutlook(),
      config,
      msal: () => Promise.resolve(() => Promise.resolve('never')),
      officeRuntimeAuth: {
        getAccessToken: () => Promise.reject(Object.assign(new Error('closed'), { code: 13002 })),
      },
    });
    await expect(source.getToken()).rejects.toBeInstanceOf(HostAuthError);
  });

  it('goes straight to the sign-in window without NAA or Office SSO', async () => {
    const source = await outlookTokenSource({
      office: fakeOutlook(),
      config,
      msal: () => Promise.resolve(() => Promise.resolve('popup-token')),
    });
    expect(source.method).toBe('popup');
  });
});
