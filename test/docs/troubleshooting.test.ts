import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  renderTroubleshooting,
  TROUBLESHOOTING_PATH,
} from '../../scripts/generate-troubleshooting.js';
import { REASONS } from '../../server/domain/reasons.js';
import {
  describeUnknown,
  UNKNOWN_REASONS,
} from '../../server/scheduling/availability/unknown-reasons.js';

describe('docs/troubleshooting.md', () => {
  it('is what scripts/generate-troubleshooting.ts writes from server/domain/reasons.ts (run it when this fails)', async () => {
    expect(await readFile(TROUBLESHOOTING_PATH, 'utf8')).toBe(await renderTroubleshooting());
  });

  it('has a section, the admin sentence and the fix for every reason code', async () => {
    const page = await renderTroubleshooting();
    for (const [code, info] of Object.entries(REASONS)) {
      expect(page).toContain(`### \`${code}\``);
      expect(page).toContain(info.summary);
      if (info.fix) expect(page).toContain(info.fix);
    }
  });

  it('lists every reason the Outlook add-in gives for an unknown attendee, in its words', async () => {
    const page = await renderTroubleshooting();
    for (const code of UNKNOWN_REASONS) {
      expect(page).toContain(`\`${code}\``);
      expect(page).toContain(describeUnknown(code));
    }
  });

  it('links only to headings that exist in the admin guide', async () => {
    const page = await renderTroubleshooting();
    const guide = await readFile(new URL('../../docs/admin-guide.md', import.meta.url), 'utf8');
    const anchors = new Set(
      [...guide.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    const links = [...page.matchAll(/\(admin-guide\.md#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(anchors.has(link), link).toBe(true);
  });
});
