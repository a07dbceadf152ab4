import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCENT } from '../../scripts/icon-glyph.js';
import { ICONS, makeIcons } from '../../scripts/make-icons.js';
import { readPng } from './png-reader.js';
import { repoFile } from './support.js';

const hex = (r: number, g: number, b: number) =>
  `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();

function pixels(rgba: Uint8Array): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < rgba.length; i += 4)
    out.push([rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!]);
  return out;
}

describe('app icons', () => {
  it('has a 192×192 colour icon on the opaque accent colour with a white glyph', () => {
    const png = readPng(readFileSync(repoFile('appPackage/color.png')));
    expect([png.width, png.height, png.colorType, png.bitDepth]).toEqual([192, 192, 6, 8]);
    const px = pixels(png.rgba!);
    expect(px.every(([, , , a]) => a === 255)).toBe(true);
    const [r, g, b] = px[0]!;
    expect(hex(r, g, b)).toBe(ACCENT.toUpperCase());
    expect(
      px.filter(([r2, g2, b2]) => r2 === 255 && g2 === 255 && b2 === 255).length,
    ).toBeGreaterThan(1000);
  });

  it('has a 32×32 outline icon: white on a transparent background', () => {
    const png = readPng(readFileSync(repoFile('appPackage/outline.png')));
    expect([png.width, png.height, png.colorType, png.bitDepth]).toEqual([32, 32, 6, 8]);
    const px = pixels(png.rgba!);
    const transparent = px.filter(([, , , a]) => a === 0).length;
    const ink = px.filter(([, , , a]) => a > 0);
    // Corners are background; most of the square is transparent; every inked pixel is white.
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(px[corner]![3]).toBe(0);
    expect(transparent).toBeGreaterThan(px.length / 2);
    expect(ink.length).toBeGreaterThan(100);
    expect(ink.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
  });

  it('has Outlook ribbon and XML add-in icons in the sizes the manifests name', () => {
    for (const [file, size] of [
      ['addin/public/icons/ribbon-16.png', 16],
      ['addin/public/icons/ribbon-32.png', 32],
      ['addin/public/icons/ribbon-80.png', 80],
      ['addin/public/icons/icon-64.png', 64],
      ['addin/public/icons/icon-128.png', 128],
    ] as const) {
      const png = readPng(readFileSync(repoFile(file)));
      expect([png.width, png.height], file).toEqual([size, size]);
    }
  });

  it('are exactly what scripts/make-icons.ts draws (the committed PNGs are not stale)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quorum-icons-'));
    try {
      const written = await makeIcons(dir);
      expect(written.sort()).toEqual(Object.keys(ICONS).sort());
      for (const file of written) {
        const fresh = await readFile(path.join(dir, file));
        expect(fresh.equals(await readFile(repoFile(file))), file).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
