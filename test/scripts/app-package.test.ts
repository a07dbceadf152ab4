import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildAppPackage,
  fillManifestPlaceholders,
  parseEnvFile,
} from '../../scripts/app-package.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function fixture(manifest: unknown): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'quorum-pkg-'));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'color.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(path.join(dir, 'outline.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]));
  return path.join(dir, 'manifest.json');
}

describe('app package', () => {
  it('fills placeholders and zips the manifest with its icons, flat', async () => {
    const manifestPath = await fixture({
      id: '${{TEAMS_APP_ID}}',
      developer: { websiteUrl: '${{TAB_ENDPOINT}}' },
      icons: { color: 'color.png', outline: 'outline.png' },
    });
    const built = await buildAppPackage({
      manifestPath,
      values: { TEAMS_APP_ID: 'abc', TAB_ENDPOINT: 'https://quorum.example' },
    });
    const files = unzipSync(built.zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(new TextDecoder().decode(files['manifest.json']))).toEqual({
      id: 'abc',
      developer: { websiteUrl: 'https://quorum.example' },
      icons: { color: 'color.png', outline: 'outline.png' },
    });
  });

  it('names every placeholder that has no value', () => {
    expect(() => fillManifestPlaceholders('${{A}} ${{B}} ${{A}}', { B: '' })).toThrow(
      'no value for manifest placeholder(s): A, B',
    );
  });

  it('escapes values for the JSON string they land in', () => {
    expect(JSON.parse(fillManifestPlaceholders('{"x":"${{V}}"}', { V: 'a"b\\c' }))).toEqual({
      x: 'a"b\\c',
    });
  });

  it('reads Toolkit env files', () => {
    expect(parseEnvFile('# comment\nA=1\n\nB = "two words"\n')).toEqual({ A: '1', B: 'two words' });
    expect(() => parseEnvFile('nonsense')).toThrow('not KEY=VALUE');
  });

  it('refuses icon paths outside the package root', async () => {
    const manifestPath = await fixture({
      icons: { color: '../color.png', outline: 'outline.png' },
    });
    await expect(buildAppPackage({ manifestPath, values: {} })).rejects.toThrow('plain file name');
  });
});
