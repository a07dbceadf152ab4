// The personal-calendar result page hands its outcome to whoever waits: the tab that opened the
// popup (postMessage to Quorum's origin only), other Quorum windows on the
// `quorum-personal-calendar` BroadcastChannel, and Teams' authentication window through teams-js —
// without which Teams desktop leaves the sign-in window open. Its script runs in a VM here.
import { describe, expect, it } from 'vitest';
import { TEAMS_SCRIPT_PATH } from '../../server/connections/teams-script.js';
import { PERSONAL_CALENDAR_CHANNEL, renderResultPage } from '../../server/personal/result-page.js';
import { TEAMS_CDN_ORIGIN } from '../../server/web/page-csp.js';
import { runResultPage } from '../support/popup-result-page.js';

const QUORUM = 'https://quorum.example';
const connected = {
  ok: true,
  connection: {
    id: 'pc-1',
    tenantId: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a',
    objectId: 'user-1',
    email: 'kim.akers@fabrikam.com',
    displayName: 'Kim Akers',
    status: 'connected',
    connectedAt: '2026-01-01T00:00:00.000Z',
    checkedAt: null,
    shadowedByOrg: false,
  },
} as const;
const declined = { ok: false, problem: 'denied', detail: 'You cancelled the sign-in.' } as const;

describe('the personal-calendar result page', () => {
  it('tells the Quorum tab that opened it, and Quorum windows on its channel', () => {
    const page = renderResultPage(connected, QUORUM);
    const { run, message } = runResultPage(page.html, { origin: QUORUM });
    expect(message).toEqual({ type: 'quorum:personal-calendar', ok: true, id: 'pc-1' });
    expect(run.posted).toEqual([{ message, targetOrigin: QUORUM }]);
    expect(run.broadcasts).toEqual([{ channel: PERSONAL_CALENDAR_CHANNEL, message }]);
    expect(run.scripts).toEqual([]);
  });

  it('in Teams’ authentication window, loads teams-js with the nonce and calls notifySuccess', async () => {
    const page = renderResultPage(connected, QUORUM);
    const { run, message, nonce } = runResultPage(page.html, { origin: null });
    expect(page.csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(page.csp).toContain(`connect-src ${TEAMS_CDN_ORIGIN}`);
    expect(run.scripts).toEqual([{ src: TEAMS_SCRIPT_PATH, nonce }]);
    await run.loadTeams();
    expect(run.teams).toEqual([{ call: 'notifySuccess', result: JSON.stringify(message) }]);
  });

  it('in Teams, reports a declined sign-in with notifyFailure and the problem', async () => {
    const page = renderResultPage(declined, QUORUM);
    expect(page.status).toBe(400);
    const { run, message } = runResultPage(page.html, { origin: null });
    await run.loadTeams();
    expect(message).toEqual({ type: 'quorum:personal-calendar', ok: false, problem: 'denied' });
    expect(run.teams).toEqual([{ call: 'notifyFailure', result: JSON.stringify(message) }]);
  });
});
