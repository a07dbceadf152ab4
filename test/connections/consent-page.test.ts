// The consent result page hands its outcome to whoever waits: Quorum windows on the
// `quorum-consent` BroadcastChannel, the tab that opened the popup by postMessage, and Teams'
// authentication window through teams-js notifySuccess / notifyFailure. The page's own script is
// run here in a VM against stand-ins for the browser objects it touches.
import { describe, expect, it } from 'vitest';
import { renderConsentPage } from '../../server/connections/consent-page.js';
import { CONSENT_CHANNEL } from '../../server/connections/consent-page-script.js';
import type { ConsentOutcome } from '../../server/connections/consent-flow.js';
import { TEAMS_SCRIPT_PATH } from '../../server/connections/teams-script.js';
import type { TenantConnection } from '../../server/domain/types.js';
import { TEAMS_CDN_ORIGIN } from '../../server/web/page-csp.js';
import { AppError } from '../../server/http/errors.js';
import { runResultPage, type Opener } from '../support/popup-result-page.js';

const QUORUM = 'https://quorum.example';
const NOW = '2025-01-01T00:00:00.000Z';

const connection: TenantConnection = {
  id: 'conn-1',
  orgId: 'org-1',
  tenantId: 'b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d',
  displayName: 'Contoso',
  verifiedDomains: ['contoso.com'],
  credential: { kind: 'platform', clientId: 'client' },
  grantedRoles: [],
  tier: 'availability',
  enabled: true,
  createdAt: NOW,
  lastEnabledAt: NOW,
  lastDisabledAt: null,
  health: { state: 'healthy', reason: null, detail: null, checkedAt: NOW },
  sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
};

type Mode = 'popup' | 'page';
const connected = (mode: Mode): ConsentOutcome => ({
  kind: 'done',
  mode,
  connection,
  settled: true,
});
const denied = (mode: Mode): ConsentOutcome => ({
  kind: 'failed',
  mode,
  error: new AppError('ERR_CONSENT_DENIED'),
});

/** Renders the page, then runs its inline script with the browser objects it uses. */
function runPage(outcome: ConsentOutcome, opener: Opener | null) {
  const page = renderConsentPage(outcome as Exclude<ConsentOutcome, { kind: 'redirect' }>, {
    openerOrigin: QUORUM,
    appUrl: `${QUORUM}/tab`,
  });
  return { page, ...runResultPage(page.html, opener) };
}

describe('the consent result page', () => {
  it('in Teams’ authentication window, loads teams-js with the CSP nonce and calls notifySuccess', async () => {
    const { page, nonce, message, run } = runPage(connected('popup'), { origin: null });
    expect(page.headers['content-security-policy']).toContain(`script-src 'nonce-${nonce}'`);
    // teams-js reads its valid domains from Microsoft's CDN, and needs the opener Teams gave it.
    expect(page.headers['content-security-policy']).toContain(`connect-src ${TEAMS_CDN_ORIGIN}`);
    expect(page.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    expect(run.scripts).toEqual([{ src: TEAMS_SCRIPT_PATH, nonce }]);
    await run.loadTeams();
    expect(run.teams).toEqual([{ call: 'notifySuccess', result: JSON.stringify(message) }]);
    expect(message).toMatchObject({ type: 'quorum:consent', ok: true, status: 'connected' });
  });

  it('in Teams’ authentication window, reports a failure with notifyFailure', async () => {
    const { message, run } = runPage(denied('popup'), { origin: null });
    await run.loadTeams();
    expect(run.teams).toEqual([{ call: 'notifyFailure', result: JSON.stringify(message) }]);
    expect(message).toMatchObject({ ok: false, code: 'ERR_CONSENT_DENIED' });
  });

  it('in a popup of the tab, posts to its opener at Quorum’s origin and never loads teams-js', () => {
    const { message, run } = runPage(connected('popup'), { origin: QUORUM });
    expect(run.posted).toEqual([{ message, targetOrigin: QUORUM }]);
    expect(run.scripts).toEqual([]);
  });

  it.each([
    ['a Teams popup', connected('popup'), { origin: null }],
    ['a popup of the tab', connected('popup'), { origin: QUORUM }],
    ['a full page', connected('page'), null],
    ['a failed full page', denied('page'), null],
  ] as const)(
    'announces the outcome on the quorum-consent channel from %s',
    (_, outcome, opener) => {
      const { message, run } = runPage(outcome, opener);
      expect(run.broadcasts).toEqual([{ channel: CONSENT_CHANNEL, message }]);
    },
  );

  it('as a full page, loads no teams-js and links back to Quorum', () => {
    const { page, run } = runPage(connected('page'), null);
    expect(run.scripts).toEqual([]);
    expect(run.posted).toEqual([]);
    expect(page.html).toContain(`<a class="button" href="${QUORUM}/tab">Return to Quorum</a>`);
  });
});
