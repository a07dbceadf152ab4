// Shared by the app-package tests: the repository's files, environments filled the way `npm run
// package` fills them, and the official schemas compiled offline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import ajv07 from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { fillManifestPlaceholders, parseEnvFile } from '../../scripts/app-package.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function repoFile(relative: string): string {
  return path.join(root, relative);
}

export function readRepoFile(relative: string): string {
  return readFileSync(repoFile(relative), 'utf8');
}

/** The values of env/.env.<name>, as `npm run package <name>` reads them (without process.env). */
export function envValues(name: string): Record<string, string> {
  return { TEAMSFX_ENV: name, ...parseEnvFile(readRepoFile(`env/.env.${name}`)) };
}

/** appPackage/manifest.json with the placeholders of env/.env.local filled. */
export function localManifest(): Record<string, unknown> {
  return JSON.parse(
    fillManifestPlaceholders(readRepoFile('appPackage/manifest.json'), envValues('local')),
  ) as Record<string, unknown>;
}

const require = createRequire(import.meta.url);

/** The Teams/Microsoft 365 manifest schema v1.30 as bundled in @microsoft/app-manifest (no network). */
export function bundledTeamsSchemaPath(): string {
  const pkg = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(pkg, 'build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
}

// CommonJS packages: under NodeNext their ES default export is `.default` of the module.
const Ajv07 = ajv07.default;
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

let teamsValidator: ValidateFunction | undefined;

/** Compiles the bundled v1.30 schema (draft-04) with the formats Microsoft's validator uses. */
export function teamsManifestValidator(): ValidateFunction {
  if (teamsValidator) return teamsValidator;
  const schema = JSON.parse(readFileSync(bundledTeamsSchemaPath(), 'utf8')) as object;
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, strict: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  teamsValidator = ajv.compile(schema);
  return teamsValidator;
}

/** Schema errors as readable lines, `[]` when valid. */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** The Agents Toolkit's teamsapp.yml v1.11 schema, vendored in test/fixtures (draft-07). */
export function teamsappYamlValidator(): ValidateFunction {
  const schema = JSON.parse(
    readRepoFile('test/fixtures/teamsapp-v1.11.yaml.schema.json'),
  ) as object;
  const ajv = new Ajv07({ allErrors: true, allowUnionTypes: true, strict: false });
  ajv.addKeyword('deprecationMessage');
  return ajv.compile(schema);
}

/** Every `${{NAME}}` placeholder used in a text. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
}
