// The README is the newcomer's first page: its commands and configuration table must stay true.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configVariableNames } from '../server/config.js';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README', () => {
  it('shows the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it.each([...configVariableNames])('documents %s in the configuration table', (name) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}\` +\\|`));
  });

  it('names only npm scripts that exist', () => {
    for (const [, script] of readme.matchAll(/`npm run ([a-z:-]+)`/g)) {
      expect(pkg.scripts, `npm run ${script}`).toHaveProperty(script!);
    }
  });
});
