// @vitest-environment jsdom
// The Teams host adapter: outside Teams it rejects instead of hanging, and every teams-js call is
// bounded by a timeout (teams-js waits forever for a parent frame that does not answer).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HostAuthError, HostTimeoutError } from '../../addin/host/host-adapter.js';
import { createTeamsHost, type TeamsContext, type TeamsSdk } from '../../addin/host/teams.js';

const CONTEXT: TeamsContext = {
  app: { locale: 'en-us', theme: 'dark', host: { name: 'Teams' } },
  user: { loginHint: 'megan.bowen@contoso.com', tenant: { id: 'tenant-1' } },
};

const never = <T>() => new Promise<T>(() => undefined);

function fakeSdk(overrides: Partial<{ [K in keyof TeamsSdk]: Partial<TeamsSdk[K]> }> = {}) {
  let themeHandler: ((theme: string) => void) | undefined;
  const sdk: TeamsSdk = {
    app: {
      initialize: () => Promise.resolve(),
      getContext: () => Promise.resolve(CONTEXT),
      registerOnThemeChangeHandler: (handler) => {
        themeHandler = handler;
      },
      ...overrides.app,
    },
    authentication: {
      getAuthToken: () => Promise.resolve('teams-token'),
      authenticate: () => Promise.resolve('done'),
      ...overrides.authentication,
    },
  };
  return { sdk, changeTheme: (theme: string) => themeHandler?.(theme) };
}

const ORIGIN = 'https://quorum.example.com';

describe('createTeamsHost with the real teams-js outside Teams', () => {
  beforeAll(() => {
    // teams-js fetches its valid-domain list from Microsoft's CDN on load; tests stay offline.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
  });

  it('rejects with not_in_host at once in a top-level window', async () => {
    const teams = await import('@microsoft/teams-js');
    const started = Date.now();
    const error = await createTeamsHost(
      { app: teams.app, authentication: teams.authentication },
      { pageOrigin: ORIGIN, initTimeoutMs: 2_000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostAuthError);
    expect((error as HostAuthError).code).toBe('not_in_host');
    expect((error as Error).message).toMatch(/No Parent window found/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('createTeamsHost with a fake teams-js', () => {
  it('reads theme, locale, login hint and tenant from the context', async () => {
    const { sdk } = fakeSdk();
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    expect(host.context).toMatchObject({
      kind: 'teams',
      hostName: 'Teams',
      theme: 'dark',
      locale: 'en-us',
      loginHint: 'megan.bowen@contoso.com',
      tenantId: 'tenant-1',
    });
    expect(await host.getToken()).toBe('teams-token');
  });

  it('times out when initialize never answers (a frame whose parent is not Teams)', async () => {
    const { sdk } = fakeSdk({ app: { initialize: never } });
    const error = await createTeamsHost(sdk, { pageOrigin: ORIGIN, initTimeoutMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostAuthError);
    expect((error as HostAuthError).code).toBe('not_in_host');
    expect((error as HostAuthError).cause).toBeInstanceOf(HostTimeoutError);
  });

  it('times out when getContext never answers', async () => {
    const { sdk } = fakeSdk({ app: { getContext: never } });
    await expect(createTeamsHost(sdk, { pageOrigin: ORIGIN, initTimeoutMs: 50 })).rejects.toThrow(
      HostTimeoutError,
    );
  });

  it('times out when getAuthToken never answers', async () => {
    const { sdk } = fakeSdk({ authentication: { getAuthToken: never } });
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN, tokenTimeoutMs: 50 });
    const error = await host.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostAuthError);
    expect((error as HostAuthError).code).toBe('sign_in_failed');
    expect((error as HostAuthError).cause).toBeInstanceOf(HostTimeoutError);
  });

  it('reports consent_required when Teams needs consent for the SSO token', async () => {
    const { sdk } = fakeSdk({
      authentication: { getAuthToken: () => Promise.reject(new Error('resourceRequiresConsent')) },
    });
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    await expect(host.getToken()).rejects.toMatchObject({ code: 'consent_required' });
  });

  it('opens Microsoft pages through /auth/start on its own domain, and its own pages directly', async () => {
    const urls: string[] = [];
    const { sdk } = fakeSdk({
      authentication: {
        authenticate: ({ url }) => {
          urls.push(url);
          return Promise.resolve('ok');
        },
      },
    });
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    const consent = 'https://login.microsoftonline.com/organizations/v2.0/adminconsent?state=x';
    expect(await host.openPopup(consent)).toEqual({ kind: 'completed', result: 'ok' });
    await host.openPopup(`${ORIGIN}/auth/personal/start`);
    expect(urls).toEqual([
      `${ORIGIN}/auth/start#${encodeURIComponent(consent)}`,
      `${ORIGIN}/auth/personal/start`,
    ]);
  });

  it('treats a window the user closed as closed, not as a failure', async () => {
    const { sdk } = fakeSdk({
      authentication: { authenticate: () => Promise.reject(new Error('CancelledByUser')) },
    });
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    expect(await host.openPopup(`${ORIGIN}/x`)).toEqual({ kind: 'closed' });
  });

  it('hands back a declined consent the result page gave notifyFailure as a completed result', async () => {
    // teams-js rejects `authenticate` with `new Error(reason)` for notifyFailure(reason).
    const declined = JSON.stringify({
      type: 'quorum:consent',
      ok: false,
      status: 'failed',
      code: 'ERR_CONSENT_DENIED',
      connectionId: null,
      tenantId: null,
      reason: null,
    });
    const { sdk } = fakeSdk({
      authentication: { authenticate: () => Promise.reject(new Error(declined)) },
    });
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    expect(await host.openPopup(`${ORIGIN}/x`)).toEqual({ kind: 'completed', result: declined });
  });

  it.each([
    ['a window Teams could not open', 'FailedToOpenWindow'],
    ['JSON that is not a Quorum result', '{"type":"other"}'],
    ['JSON that is not an object', '"quorum:consent"'],
  ])('still fails on %s', async (_, reason) => {
    const { sdk } = fakeSdk({
      authentication: { authenticate: () => Promise.reject(new Error(reason)) },
    });
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    const error = await host.openPopup(`${ORIGIN}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostAuthError);
    expect((error as HostAuthError).code).toBe('sign_in_failed');
    expect((error as Error).message).toBe(`The Teams window failed: ${reason}`);
  });

  it('follows theme changes from Teams', async () => {
    const { sdk, changeTheme } = fakeSdk();
    const host = await createTeamsHost(sdk, { pageOrigin: ORIGIN });
    const seen: string[] = [];
    const stop = host.onThemeChange((theme) => seen.push(theme));
    changeTheme('contrast');
    changeTheme('default');
    stop();
    changeTheme('dark');
    expect(seen).toEqual(['contrast', 'light']);
    expect(host.context.theme).toBe('dark');
  });
});
