// Set-up shared by the tests that send org events or watch answers by change notification: the
// connection tier that allows org events, an attendee's answer given in the emulator, and the
// shutdown of the runtimes whose timers would outlive Quorum.
import { expect } from 'vitest';
import { notificationsOf } from '../../server/notifications/runtime.js';
import { orgEventsOf } from '../../server/scheduling/org-events/runtime.js';
import { control } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, type TestOrg } from './self-service-fixtures.js';

/** Gives the org's connection the `orgEvents` tier, which allows sending org events. */
export async function allowOrgEvents(
  quorum: TestQuorum,
  orgId: string,
  connectionId: string,
): Promise<void> {
  await quorum.services.orgs.updateConnection(orgId, connectionId, (c) => ({
    ...c,
    tier: 'orgEvents',
  }));
}

/** Contoso connected with the `orgEvents` tier, sending from the events@ service mailbox. */
export async function orgEventsContoso(quorum: TestQuorum): Promise<TestOrg> {
  const contoso = await createConnectedOrg(quorum, 'contoso', {
    serviceMailbox: 'events@contoso.com',
  });
  await allowOrgEvents(quorum, contoso.org.id, contoso.connection.id);
  return contoso;
}

/** `attendee` answers Contoso's Outlook event `graphEventId` (the emulator notifies the change). */
export async function respondInContoso(
  quorum: TestQuorum,
  graphEventId: string,
  attendee: string,
  response: string,
): Promise<void> {
  const res = await control(
    quorum.emulator,
    'POST',
    `/tenants/contoso.com/events/${graphEventId}/respond`,
    { attendee, response },
  );
  expect(res.status).toBe(200);
}

/** For afterAll: stops the org-event and notification runtimes, then Quorum (if it started). */
export async function closeWithRuntimes(quorum: TestQuorum | undefined): Promise<void> {
  if (!quorum) return;
  await orgEventsOf(quorum.services).close();
  await notificationsOf(quorum.services).close();
  await quorum.close();
}
