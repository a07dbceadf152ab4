// `npm run package` end to end: the command a developer runs, its zip, and that zip's manifest held
// to the bundled v1.30 schema. Also `npm run package:xml`, which writes the Outlook on Mac manifest.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPng } from './png-reader.js';
import { envValues, repoFile, root, schemaErrors, teamsManifestValidator } from './support.js';

const run = promisify(execFile);

/** The environment `npm run` would pass, minus any placeholder value set in this shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(envValues('local'))) delete env[name];
  return env;
}

describe('npm run package', () => {
  it('zips exactly manifest.json and the two icons, and the manifest inside validates', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'package', 'local'], {
      cwd: root,
      env: cleanEnv(),
    });
    expect(stdout).toContain('appPackage/build/appPackage.local.zip');
    const files = unzipSync(await readFile(repoFile('appPackage/build/appPackage.local.zip')));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as unknown;
    expect(schemaErrors(teamsManifestValidator(), manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(readPng(Buffer.from(files['color.png']!))).toMatchObject({ width: 192, height: 192 });
    expect(readPng(Buffer.from(files['outline.png']!))).toMatchObject({ width: 32, height: 32 });
  });

  it('refuses the example dev environment until provisioning fills its ids', async () => {
    const failure = await run('npm', ['run', '--silent', 'package', 'dev'], {
      cwd: root,
      env: cleanEnv(),
    }).then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failure?.stderr).toContain('AAD_APP_CLIENT_ID');
    expect(failure?.stderr).toContain('TEAMS_APP_ID');
  });

  it('writes the filled XML add-in manifest with npm run package:xml', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'package:xml', 'local'], {
      cwd: root,
      env: cleanEnv(),
    });
    expect(stdout).toContain('appPackage/build/outlook-addin.local.xml');
    const xml = await readFile(repoFile('appPackage/build/outlook-addin.local.xml'), 'utf8');
    expect(xml).toContain(`<Id>${envValues('local').OUTLOOK_XML_ADDIN_ID}</Id>`);
    expect(xml).not.toContain('${{');
  });
});
