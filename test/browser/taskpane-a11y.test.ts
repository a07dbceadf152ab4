// The task pane and the demo page in light and dark: an axe-core scan of each (no serious or
// critical violation) before and after Apply, and screenshots kept in test-results/screenshots.
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, SCREENSHOT_DIR } from '../support/browser.js';
import { openDemo, startPaneWorld, type PaneWorld } from './taskpane-harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let world: PaneWorld;
beforeAll(async () => {
  world = await startPaneWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

/** Serious and critical axe violations of a page or frame, as readable lines. */
async function axeProblems(target: Page | Frame): Promise<string[]> {
  await target.addScriptTag({ path: axePath });
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

/** Grows the pane's frame to its content, so a screenshot shows the whole pane. */
async function unrollPane(page: Page): Promise<void> {
  await page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe[title="Quorum: Find a time"]')!;
    frame.style.height = `${frame.contentDocument!.documentElement.scrollHeight}px`;
  });
}

describe.each(['light', 'dark'] as const)('the task pane in the %s theme', (theme) => {
  it('has no serious or critical accessibility problems, before and after Apply', async () => {
    const demo = await openDemo(world, {
      theme,
      bypassCSP: true,
      viewport: { width: 1280, height: 1100 },
    });
    const frame = demo.page.frames().find((f) => f.url().includes('/taskpane'))!;
    const best = demo.pane.locator('li[data-slot-start]').first();
    await best.getByRole('radiogroup', { name: 'Room' }).waitFor();
    await demo.pane.locator('li[data-reason]').first().waitFor();
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);

    await screenshot(demo.page, `demo-${theme}`);
    await unrollPane(demo.page);
    await demo.page
      .locator('aside')
      .screenshot({ path: `${SCREENSHOT_DIR}/taskpane-${theme}.png` });
    expect(await axeProblems(frame)).toEqual([]);
    expect(await axeProblems(demo.page)).toEqual([]);

    const slot = (await best.locator('button[aria-expanded]').first().textContent()) ?? '';
    await best.getByRole('button', { name: 'Apply time and room' }).click();
    await best.getByText('Applied to the meeting').waitFor();
    // The pane re-reads the meeting after Outlook reports the new time.
    const time = slot.match(/\d{1,2}:\d{2}/)![0];
    await demo.pane.locator('#meeting-heading + *').filter({ hasText: time }).waitFor();
    await unrollPane(demo.page);
    await demo.page
      .locator('aside')
      .screenshot({ path: `${SCREENSHOT_DIR}/taskpane-applied-${theme}.png` });
    await screenshot(demo.page, `demo-applied-${theme}`);
    expect(await axeProblems(frame)).toEqual([]);
    await demo.context.close();
  });
});
