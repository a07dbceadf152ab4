// `npx tsx scripts/make-icons.ts`: draws Quorum's icons from the glyph in icon-glyph.ts. The app
// package needs a 192×192 colour icon (full-bleed accent background, white glyph) and a 32×32
// outline icon (white glyph on transparency, as Teams requires). Outlook's ribbon button (16, 32
// and 80 px) and the XML add-in's icons (64, 128 px) are fetched by URL, so they live in the web
// UI's public folder, served at /icons/.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCENT, renderGlyph, type RenderOptions } from './icon-glyph.js';
import { encodePng } from './png.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every icon Quorum ships, by path from the repository root. */
export const ICONS: Readonly<Record<string, RenderOptions>> = {
  'appPackage/color.png': { size: 192, glyphSize: 120, ink: '#ffffff', background: ACCENT },
  'appPackage/outline.png': { size: 32, glyphSize: 32, ink: '#ffffff', samples: 8 },
  'addin/public/icons/ribbon-16.png': { size: 16, glyphSize: 16, ink: ACCENT, samples: 8 },
  'addin/public/icons/ribbon-32.png': { size: 32, glyphSize: 32, ink: ACCENT, samples: 8 },
  'addin/public/icons/ribbon-80.png': { size: 80, glyphSize: 80, ink: ACCENT },
  'addin/public/icons/icon-64.png': { size: 64, glyphSize: 40, ink: '#ffffff', background: ACCENT },
  'addin/public/icons/icon-128.png': {
    size: 128,
    glyphSize: 80,
    ink: '#ffffff',
    background: ACCENT,
  },
};

export async function makeIcons(base = root): Promise<string[]> {
  const written: string[] = [];
  for (const [file, options] of Object.entries(ICONS)) {
    const target = path.join(base, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, encodePng(options.size, options.size, renderGlyph(options)));
    written.push(file);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of await makeIcons()) console.log(`wrote ${file}`);
}
