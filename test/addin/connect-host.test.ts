// @vitest-environment jsdom
// Choosing the host of the tab page: Teams when it may be inside Teams and teams-js answers in
// time; otherwise the plain browser (which then offers its own sign-in).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../addin/host/app-config.js';
import { connectTabHost, mayBeInTeams } from '../../addin/host/connect.js';
import type { TeamsSdk } from '../../addin/host/teams.js';

const CONFIG: AppConfig = {
  clientId: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43',
  authority: 'https://login.example.test/organizations',
  knownAuthorities: ['login.example.test'],
  apiScope: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43/access_as_user',
  publicUrl: 'http://localhost:3000',
};

function sdk(initialize: () => Promise<void>): TeamsSdk {
  return {
    app: {
      initialize,
      getContext: () =>
        Promise.resolve({ app: { locale: 'en-us', theme: 'default', host: { name: 'Teams' } } }),
      registerOnThemeChangeHandler: () => undefined,
    },
    authentication: {
      getAuthToken: () => Promise.resolve('t'),
      authenticate: () => Promise.resolve(''),
    },
  };
}

function at(search: string): void {
  window.history.replaceState(null, '', `/tab${search}`);
}

afterEach(() => {
  at('');
  vi.restoreAllMocks();
});

describe('connectTabHost', () => {
  it('may be in Teams when told so or framed, never when told it is a plain browser', () => {
    at('?host=teams');
    expect(mayBeInTeams(window)).toBe(true);
    at('?host=browser');
    expect(mayBeInTeams(window)).toBe(false);
    at('');
    expect(mayBeInTeams(window)).toBe(false);
  });

  it('uses Teams when teams-js answers', async () => {
    at('?host=teams');
    const session = await connectTabHost(CONFIG, {
      window,
      loadTeams: () => Promise.resolve(sdk(() => Promise.resolve())),
    });
    expect(session.host?.context.kind).toBe('teams');
  });

  it('falls back to the browser sign-in when teams-js never answers', async () => {
    at('?host=teams');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const started = Date.now();
    const session = await connectTabHost(CONFIG, {
      window,
      loadTeams: () => Promise.resolve(sdk(() => new Promise(() => undefined))),
      teamsTimeoutMs: 50,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(session.host).toBeNull();
    expect(typeof session.signIn).toBe('function');
  });

  it('never loads teams-js in a plain top-level page', async () => {
    const loadTeams = vi.fn(() => Promise.resolve(sdk(() => Promise.resolve())));
    await connectTabHost(CONFIG, { window, loadTeams });
    expect(loadTeams).not.toHaveBeenCalled();
  });
});
