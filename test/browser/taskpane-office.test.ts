// `/taskpane` as Outlook loads it, without the demo: the global `Office` that office.js would
// define is stubbed before the page runs (the CDN script is answered empty), so the production path
// runs — Office.onReady, no nested app authentication, the legacy Office SSO token, Apply through
// the global item — and outside any Office host the pane says where it works.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchProblems } from '../support/browser.js';
import { MEGAN, newContext, startPaneWorld, type PaneWorld } from './taskpane-harness.js';

let world: PaneWorld;
beforeAll(async () => {
  world = await startPaneWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

interface StubArgs {
  token: string;
  start: string;
  end: string;
  withItem: boolean;
}

/** Runs in the page before its scripts: an Outlook-shaped `Office` recording every call. */
function installOfficeStub(args: StubArgs): void {
  const calls: { method: string; args: unknown[] }[] = [];
  const w = window as unknown as Record<string, unknown>;
  w.__officeCalls = calls;
  const ok = (value?: unknown) => ({ status: 'succeeded', value });
  const answer =
    (method: string, value?: () => unknown) =>
    (...rest: unknown[]) => {
      const cb = rest.find((a) => typeof a === 'function') as ((r: unknown) => void) | undefined;
      calls.push({
        method,
        args: rest
          .filter((a) => typeof a !== 'function')
          .map((a) => (a instanceof Date ? a.toISOString() : a)),
      });
      setTimeout(() => cb?.(ok(value?.())), 0);
    };
  const state = { start: new Date(args.start), end: new Date(args.end) };
  const item = {
    start: {
      getAsync: answer('start.getAsync', () => state.start),
      setAsync: answer('start.setAsync'),
    },
    end: { getAsync: answer('end.getAsync', () => state.end), setAsync: answer('end.setAsync') },
    requiredAttendees: {
      getAsync: answer('requiredAttendees.getAsync', () => [
        {
          emailAddress: 'adele.vance@contoso.com',
          displayName: 'Adele Vance',
          recipientType: 'user',
        },
      ]),
    },
    optionalAttendees: { getAsync: answer('optionalAttendees.getAsync', () => []) },
    enhancedLocation: {
      addAsync: answer('enhancedLocation.addAsync'),
      removeAsync: answer('enhancedLocation.removeAsync'),
    },
    addHandlerAsync: answer('item.addHandlerAsync'),
  };
  w.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    context: {
      displayLanguage: 'en-US',
      officeTheme: { bodyBackgroundColor: '#ffffff' },
      requirements: { isSetSupported: (name: string) => name === 'Mailbox' },
      mailbox: {
        item: args.withItem ? item : undefined,
        userProfile: { emailAddress: 'megan.bowen@contoso.com', displayName: 'Megan Bowen' },
        addHandlerAsync: answer('mailbox.addHandlerAsync'),
      },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: { LocationType: { Room: 'room', Custom: 'custom' } },
    EventType: {
      RecipientsChanged: 'olkRecipientsChanged',
      AppointmentTimeChanged: 'olkAppointmentTimeChanged',
      OfficeThemeChanged: 'officeThemeChanged',
    },
  };
  w.OfficeRuntime = {
    auth: {
      getAccessToken: () => {
        calls.push({ method: 'OfficeRuntime.auth.getAccessToken', args: [] });
        return Promise.resolve(args.token);
      },
    },
  };
}

async function openPane(withItem: boolean): Promise<Page> {
  const context = await newContext(world);
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(17, 0, 0, 0);
  await context.addInitScript(installOfficeStub, {
    token: await world.quorum.tokenFor('contoso.com', MEGAN),
    start: tomorrow.toISOString(),
    end: new Date(tomorrow.getTime() + 30 * 60_000).toISOString(),
    withItem,
  } satisfies StubArgs);
  const page = await context.newPage();
  await page.goto(`${world.quorum.httpsUrl}/taskpane`);
  return page;
}

const callsOf = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __officeCalls: { method: string; args: unknown[] }[] }).__officeCalls,
  );

describe('the task pane inside Outlook', () => {
  it('signs in with the Office SSO token and applies a slot through the global Office item', async () => {
    const page = await openPane(true);
    const problems = await watchProblems(page.context());
    const best = page.locator('li[data-slot-start]').first();
    await best.getByRole('button', { name: /Apply time/ }).waitFor();
    const slotStart = (await best.getAttribute('data-slot-start'))!;
    const room = await best.getByRole('radio').first().getAttribute('value');
    await best.getByRole('button', { name: /Apply time/ }).click();
    await best.getByText('Applied to the meeting').waitFor();

    const calls = await callsOf(page);
    expect(calls.map((c) => c.method)).toContain('OfficeRuntime.auth.getAccessToken');
    const writes = calls.filter((c) => /setAsync|addAsync|removeAsync/.test(c.method));
    expect(writes.map((c) => c.method)).toEqual([
      'start.setAsync',
      'end.setAsync',
      ...(room ? ['enhancedLocation.addAsync'] : []),
    ]);
    expect(new Date(String(writes[0]!.args[0])).getTime()).toBe(new Date(slotStart).getTime());
    if (room) expect(writes[2]!.args[0]).toEqual([{ id: room, type: 'room' }]);
    expect(problems.cspViolations).toEqual([]);
  });

  it('asks for a meeting when Outlook opens it away from one', async () => {
    const page = await openPane(false);
    await page.getByText('Open a meeting you organize').waitFor();
    await page.getByText(/Open or create a meeting in your calendar/).waitFor();
  });
});

describe('the task pane outside Outlook', () => {
  it('explains where it works and links to the demo', async () => {
    const context = await newContext(world);
    const page = await context.newPage();
    await page.goto(`${world.quorum.httpsUrl}/taskpane`);
    await page.getByText('Open a meeting you organize').waitFor();
    expect(await page.getByRole('link', { name: 'Outlook demo' }).getAttribute('href')).toBe(
      '/demo',
    );
  });
});
