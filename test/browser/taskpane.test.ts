// The member journey in the Outlook task pane (DESIGN J4), on the demo page against the emulator:
// the pane reads the meeting, shows ranked slots with free rooms, explains who it cannot see, and
// Apply writes the time and the room into the meeting through Office.js (the fake host records it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  officeCalls,
  officeWrites,
  openDemo,
  startPaneWorld,
  type DemoPage,
  type PaneWorld,
} from './taskpane-harness.js';

let world: PaneWorld;
let demo: DemoPage;

beforeAll(async () => {
  world = await startPaneWorld();
  demo = await openDemo(world);
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const ms = (iso: string | unknown) => new Date(String(iso)).getTime();

async function slotStarts(): Promise<string[]> {
  const cards = demo.pane.locator('li[data-slot-start]');
  await cards.first().waitFor();
  return cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-slot-start')!));
}

describe('the task pane on the demo meeting', () => {
  it('reads the meeting from the form through Office.js', async () => {
    await expect.poll(() => demo.pane.getByText(/You and 6 attendees/).count()).toBe(1);
    const reads = (await officeCalls(demo.page)).map((c) => c.method);
    expect(reads).toEqual(
      expect.arrayContaining([
        'start.getAsync',
        'end.getAsync',
        'requiredAttendees.getAsync',
        'optionalAttendees.getAsync',
        'item.addHandlerAsync',
      ]),
    );
  });

  it('says plainly who it cannot see and why', async () => {
    const unknown = demo.pane.locator('li[data-reason]');
    await unknown.first().waitFor();
    const items = await unknown.evaluateAll((els) =>
      els.map((e) => ({ reason: e.getAttribute('data-reason'), text: e.textContent ?? '' })),
    );
    expect(items.map((i) => i.text.split(':')[0])).toEqual([
      'Pat Kowalski (Fabrikam)',
      'Jordan Reyes (Northwind)',
      'Diego Siciliani',
    ]);
    const jordan = items.find((i) => i.text.startsWith('Jordan'))!;
    expect(jordan.reason).toBe('outside_org');
    expect(jordan.text).toContain('outside your organization');
    for (const item of items) expect(item.text.split(':')[1]!.trim().length).toBeGreaterThan(10);
    await demo.pane.getByText(/count as busy in every suggestion/).waitFor();
  });

  it('ranks slots with each attendee’s availability and the free rooms', async () => {
    const starts = await slotStarts();
    expect(starts.length).toBeGreaterThan(1);
    const best = demo.pane.locator('li[data-slot-start]').first();
    await best.getByText('Best').waitFor();
    const states = await best
      .locator('li[data-availability]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-availability')));
    expect(states).toHaveLength(7);
    expect(states.filter((s) => s === 'unknown')).toHaveLength(3);
    await best.getByRole('radiogroup', { name: 'Room' }).waitFor();
  });

  it('applies the chosen slot and room to the meeting', async () => {
    const starts = await slotStarts();
    const second = demo.pane.locator('li[data-slot-start]').nth(1);
    await second.getByRole('button', { expanded: false }).click();
    const rooms = second.getByRole('radio');
    expect(await rooms.count()).toBeGreaterThan(1);
    await rooms.nth(1).check();
    const roomName = (await rooms.nth(1).getAttribute('value'))!;
    await second.getByRole('button', { name: 'Apply time and room' }).click();
    await second.getByText('Applied to the meeting').waitFor();

    const writes = await officeWrites(demo.page);
    expect(writes.map((w) => w.method)).toEqual([
      'start.setAsync',
      'end.setAsync',
      'enhancedLocation.addAsync',
    ]);
    expect(ms(writes[0]!.args[0])).toBe(ms(starts[1]));
    expect(ms(writes[1]!.args[0]) - ms(writes[0]!.args[0])).toBe(30 * 60_000);
    expect(writes[2]!.args[0]).toEqual([{ id: roomName, type: 'room' }]);
    expect(writes.every((w) => w.status === 'succeeded')).toBe(true);

    // The form shows what Outlook would: the new time and the room as a room location.
    const room = demo.page.locator('[data-location-type="room"]');
    await expect.poll(() => room.count()).toBe(1);
    expect(await room.getAttribute('title')).toBe(roomName);
  });

  it('replaces its own room when another slot is applied', async () => {
    const first = demo.pane.locator('li[data-slot-start]').first();
    await first.getByRole('button', { expanded: false }).click();
    const roomName = (await first.getByRole('radio').first().getAttribute('value'))!;
    await first.getByRole('button', { name: 'Apply time and room' }).click();
    await first.getByText('Applied to the meeting').waitFor();
    const writes = (await officeWrites(demo.page)).slice(3).map((w) => [w.method, w.args[0]]);
    expect(writes.map((w) => w[0])).toEqual([
      'start.setAsync',
      'end.setAsync',
      'enhancedLocation.removeAsync',
      'enhancedLocation.addAsync',
    ]);
    expect(writes[3]![1]).toEqual([{ id: roomName, type: 'room' }]);
    const room = demo.page.locator('[data-location-type="room"]');
    await expect.poll(() => room.count()).toBe(1);
    expect(await room.getAttribute('title')).toBe(roomName);
  });

  it('tells the organizer how to add the Teams meeting', async () => {
    await demo.pane.getByText('Want a Teams meeting?').waitFor();
    await demo.pane
      .getByText(/Add-ins can.t switch it on/)
      .first()
      .waitFor();
  });

  it('follows the organizer’s edits in the form', async () => {
    await demo.page.getByRole('button', { name: 'Remove Diego Siciliani' }).click();
    await demo.pane.getByText(/You and 5 attendees/).waitFor();
    await expect
      .poll(() => demo.pane.locator('li[data-reason]').allTextContents())
      .not.toContainEqual(expect.stringContaining('Diego'));
  });

  it('ran without CSP violations or page errors', () => {
    expect(demo.problems.cspViolations).toEqual([]);
    expect(demo.problems.errors).toEqual([]);
  });
});

describe('the demo for a tenant Quorum is not connected to', () => {
  it('says so, and how to connect it, instead of showing everyone as unknown', async () => {
    const kim = await openDemo(world, { upn: 'kim.akers@fabrikam.com' });
    await kim.pane.getByText(/isn.t connected to your organization yet/).waitFor();
    await kim.page.getByText('Connect the tenant first').waitFor();
    expect(await kim.page.getByRole('link', { name: 'Quorum tab' }).getAttribute('href')).toBe(
      '/tab',
    );
    await kim.context.close();
  });
});
