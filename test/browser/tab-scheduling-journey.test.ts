// Scheduling through the tab on the emulator (DESIGN J3–J5): a member connects a personal calendar
// of another account (authorization code + PKCE on the emulator's sign-in page, in a popup), books a
// meeting from suggestions with a room and sees the attendees' answers arrive; an admin sends an org
// event to a list and sees its RSVP counts.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import type { OrgEvent } from '../../server/scheduling/org-events/org-event.js';
import { meetingsOf } from '../../server/scheduling/meetings/index.js';
import {
  launchBrowserFor,
  pickEmulatorAccount,
  screenshot,
  signInToTab,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { respondInContoso } from '../integration/org-events-fixtures.js';
import { grantConsent, TENANTS } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, connectContoso, directorySettled, startTabQuorum } from './tab-harness.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const ALEX = 'alex.wilber@contoso.com';
const SARA = 'sara.davis@fabrikam.com';

let quorum: TestQuorum;
let browser: Browser;
let orgId: string;
let admin: Page;
let member: Page;
let problems: PageProblems[] = [];

beforeAll(async () => {
  quorum = await startTabQuorum();
  await connectContoso(quorum);
  await directorySettled(quorum);
  orgId = (await quorum.services.store.findOrgByTenant(TENANTS.contoso.id))!;
  await quorum.api(MEGAN, 'PATCH', '/api/org/settings', { serviceMailbox: 'events@contoso.com' });
  // Quorum's app must exist in Fabrikam for its users to sign in to it (delegated consent).
  await grantConsent(quorum.emulator, 'fabrikam.com');

  browser = await launchBrowserFor(quorum);
  const viewport = { width: 1280, height: 900 };
  const adminContext = await browser.newContext({ viewport });
  const memberContext = await browser.newContext({ viewport });
  problems = [await watchProblems(adminContext), await watchProblems(memberContext)];
  admin = await adminContext.newPage();
  member = await memberContext.newPage();
  admin.setDefaultTimeout(15_000);
  member.setDefaultTimeout(15_000);
  await signInToTab(member, quorum.httpsUrl!, ADELE.upn);
}, 180_000);

afterAll(() => closeTab(browser, quorum));

describe('a member’s personal calendar', { timeout: 90_000 }, () => {
  it('connects another account through the emulator’s sign-in page with PKCE', async () => {
    await member.getByRole('tab', { name: 'My calendar' }).click();
    const section = member.getByRole('region', { name: 'Personal calendars' });
    await section.getByText(/Connect another work calendar/).waitFor();
    const authorize: Request[] = [];
    member.context().on('request', (r) => {
      if (r.url().includes('/oauth2/v2.0/authorize')) authorize.push(r);
    });
    const [popup] = await Promise.all([
      member.waitForEvent('popup'),
      section.getByRole('button', { name: 'Connect a calendar' }).click(),
    ]);
    await pickEmulatorAccount(popup, SARA);
    await expect.poll(() => popup.locator('h1').innerText()).not.toBe('');
    expect(await popup.locator('main').innerText()).toMatch(/^Calendar connected/);
    await popup.close();

    const params = new URL(authorize[0]!.url()).searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('scope')).toMatch(/Calendars\.ReadWrite/);

    const item = section.getByRole('listitem').filter({ hasText: SARA });
    await expect.poll(() => item.innerText()).toMatch(/Connected/);
  });
});

describe('booking a meeting from the tab', { timeout: 90_000 }, () => {
  const SUBJECT = 'Roadmap review';
  let roomName: string;

  it('suggests times with free rooms and books the chosen one with the room', async () => {
    await member.getByRole('tab', { name: 'Schedule' }).click();
    await member.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
    const required = member.getByRole('textbox', { name: 'Required attendees' });
    for (const email of [MEGAN.upn, ALEX]) {
      await required.fill(email);
      await required.press('Enter');
    }
    await member.getByRole('checkbox', { name: 'Book a room' }).check();
    await member.getByRole('button', { name: 'Find times' }).click();
    const slots = member.getByRole('list', { name: 'Suggested times' }).getByRole('listitem');
    await slots.first().waitFor({ timeout: 20_000 });
    const best = slots.first();
    const attendees = await best.getByLabel('Attendees').innerText();
    expect(attendees).toMatch(/Megan Bowen|megan\.bowen@contoso\.com/);
    const room = best.getByRole('combobox', { name: 'Room' });
    const options = await room.locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThan(1);
    await room.selectOption({ index: 1 });
    roomName = options[1]!.split(' · ')[0]!;

    await best.getByRole('button', { name: 'Book this time' }).click();
    const booked = member.getByRole('region', { name: 'Booked' }).getByRole('group', {
      name: SUBJECT,
    });
    await expect.poll(() => booked.innerText(), { timeout: 20_000 }).toMatch(/Booked/);
    const text = await booked.innerText();
    // The room by its name (the address only in the tooltip), and everyone not answered yet.
    expect(text).toContain(`Room ${roomName}`);
    expect(text).toContain(`${MEGAN.upn}: no answer yet`);
    expect(text).toContain(`${ALEX}: no answer yet`);
    expect(text).toMatch(/Join the Teams meeting/);
  });

  it('shows the attendees’ answers in My meetings', async () => {
    const { body } = await quorum.api<{ meetings: { id: string; subject: string }[] }>(
      ADELE,
      'GET',
      '/api/meetings',
    );
    const id = body.meetings.find((m) => m.subject === SUBJECT)!.id;
    const stored = await meetingsOf({ services: quorum.services, clock: systemClock }).repo.get(
      orgId,
      id,
    );
    await respondInContoso(quorum, stored!.graphEventId!, MEGAN.upn, 'accepted');
    await respondInContoso(quorum, stored!.graphEventId!, ALEX, 'declined');

    await member.getByRole('tab', { name: 'My meetings' }).click();
    const card = member.getByRole('group', { name: SUBJECT });
    await expect
      .poll(
        async () => {
          await card.getByRole('button', { name: 'Refresh answers' }).click();
          return card.getByLabel('Answers').innerText();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toMatch(new RegExp(`${MEGAN.upn}: accepted[\\s\\S]*${ALEX}: declined`));
    expect(await card.innerText()).toContain(`Room ${roomName}`);
    await member.waitForTimeout(400); // the tab indicator's slide
    await screenshot(member, 'tab-member-my-meetings-answers-light');
  });
});

describe('an org event from the admin view', { timeout: 90_000 }, () => {
  const SUBJECT = 'Benefits briefing';

  it('sends the event to a list and shows its RSVP counts as people answer', async () => {
    await signInToTab(admin, quorum.httpsUrl!, MEGAN.upn);
    await admin.getByRole('tab', { name: 'Org events' }).click();
    const form = admin.getByRole('region', { name: 'Send an org event' });
    await form.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
    await form.getByRole('radio', { name: 'A list of people' }).check();
    const people = form.getByRole('textbox', { name: 'People' });
    for (const email of [ADELE.upn, ALEX, 'lee.gu@contoso.com']) {
      await people.fill(email);
      await people.press('Enter');
    }
    await form.getByRole('button', { name: 'Send event' }).click();

    const card = admin
      .getByRole('region', { name: 'Org events', exact: true })
      .locator('.fui-Card')
      .filter({ hasText: SUBJECT });
    await expect
      .poll(() => card.innerText(), { timeout: 30_000 })
      .toMatch(/To a list: 3 people · sent/);
    expect(await card.innerText()).toMatch(/0 accepted\s+0 tentative\s+0 declined\s+3 no answer/);

    const { body } = await quorum.api<{ events: { id: string; subject: string }[] }>(
      MEGAN,
      'GET',
      '/api/org/events',
    );
    const id = body.events.find((e) => e.subject === SUBJECT)!.id;
    const event = (await quorum.services.store.getOrgDoc<OrgEvent>(orgId, `org-event:${id}`))!;
    const graphEventId = event.parts[0]!.graphEventId!;
    await respondInContoso(quorum, graphEventId, ADELE.upn, 'accepted');
    await respondInContoso(quorum, graphEventId, ALEX, 'tentativelyAccepted');

    await card.getByRole('button', { name: 'Details' }).click();
    const dialog = admin.getByRole('dialog', { name: SUBJECT });
    await expect
      .poll(
        async () => {
          await dialog.getByRole('button', { name: 'Refresh' }).click();
          return dialog.getByRole('table', { name: 'Answers' }).innerText();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toMatch(new RegExp(`${ADELE.upn}\\s+Accepted[\\s\\S]*${ALEX}\\s+Tentative`, 'i'));
    await dialog.getByRole('button', { name: 'Close' }).click();
    await admin.getByRole('tab', { name: 'Overview' }).click();
    await admin.getByRole('tab', { name: 'Org events' }).click();
    await expect
      .poll(() => card.innerText())
      .toMatch(/1 accepted\s+1 tentative\s+0 declined\s+1 no answer/);
    await admin.waitForTimeout(400); // the tab indicator's slide
    await screenshot(admin, 'tab-admin-org-event-rsvp-light');
  });
});

describe('the pages', () => {
  it('had no CSP violations and no script errors', () => {
    for (const p of problems) {
      expect(p.cspViolations).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
