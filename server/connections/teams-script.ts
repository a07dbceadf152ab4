// teams-js as one classic script, served by Quorum at a fixed path for the consent result page: a
// server-rendered page cannot name the UI bundle's hashed chunk, and its CSP allows no other origin.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the consent result page loads teams-js from (same origin, nonce'd script element). */
export const TEAMS_SCRIPT_PATH = '/consent/teams-js.js';

let cached: Promise<string> | undefined;

/** The UMD build of `@microsoft/teams-js` (defines `window.microsoftTeams`), read once. */
export function readTeamsScript(): Promise<string> {
  cached ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@microsoft/teams-js/package.json'));
    const source = await readFile(join(root, 'dist', 'umd', 'MicrosoftTeams.min.js'), 'utf8');
    // Its source map is not served; without the comment no browser asks for it.
    return source.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  })();
  return cached;
}
