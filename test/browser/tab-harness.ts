// Start-up shared by the tab's browser tests: Quorum on HTTPS against the emulator, with a failed
// verification retried at once, and Contoso's org in the state a test starts from (connected
// through its activation link and synced, or existing without a connection).
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { followActivationLink } from '../connections/support.js';
import { grantConsent } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';

/** Contoso's Global Administrator, who consents for the tenant. */
const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

/** Quorum on HTTPS against a fresh emulator; `QUORUM_VERIFY_RETRY_SECONDS=0`. Close it in afterAll. */
export function startTabQuorum(): Promise<TestQuorum> {
  return startQuorum({ https: true, env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
}

/** For afterAll: closes the browser, then Quorum (either may not have started). */
export async function closeTab(
  browser: Browser | undefined,
  quorum: TestQuorum | undefined,
): Promise<void> {
  await browser?.close();
  await quorum?.close();
}

/** Megan creates an activation link and consents on it: Contoso is connected. */
export async function connectContoso(quorum: TestQuorum): Promise<void> {
  const link = await quorum.api<{ url: string }>(
    MEGAN,
    'POST',
    '/api/org/connections/consent-link',
    {},
  );
  await followActivationLink(quorum, link.body.url, { consentAs: MEGAN.upn });
}

/** Waits until the directory sync has finished and some member is connected. */
export async function directorySettled(quorum: TestQuorum): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const status = await quorum.api<{
      sync: { running: boolean };
      members: { byCategory: { checking?: number; connected?: number } };
    }>(MEGAN, 'GET', '/api/org/status');
    const { sync, members } = status.body;
    if (!sync.running && !members.byCategory.checking && (members.byCategory.connected ?? 0) > 0) {
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the directory sync did not settle');
}

/**
 * Contoso's org exists (Teams admin center consent, then Megan's first call) but its connection
 * is deleted, so that an activation link connects Contoso again.
 */
export async function contosoWithoutConnection(quorum: TestQuorum): Promise<void> {
  await grantConsent(quorum.emulator, 'contoso.com');
  const list = await quorum.api<{ connections: { id: string }[] }>(
    MEGAN,
    'GET',
    '/api/org/connections',
  );
  await quorum.services.connections.idle();
  const removed = await quorum.api(
    MEGAN,
    'DELETE',
    `/api/org/connections/${list.body.connections[0]!.id}`,
  );
  expect(removed.status).toBe(204);
}
