// `npm run package:xml [env]`: fills manifest/quorum-outlook.xml (the XML add-in for Outlook on Mac)
// from env/.env.<env> (default `local`) and the process environment, and writes
// appPackage/build/outlook-addin.<env>.xml — the file an admin uploads in the Microsoft 365 admin center.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnvFile } from './app-package.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Replaces every `${{NAME}}` with its XML-escaped value; names without a value are listed together. */
export function fillXmlPlaceholders(
  text: string,
  values: Readonly<Record<string, string | undefined>>,
): string {
  const missing = new Set<string>();
  const filled = text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return '';
    }
    return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
  });
  if (missing.size > 0) {
    throw new Error(`no value for manifest placeholder(s): ${[...missing].sort().join(', ')}`);
  }
  return filled;
}

/** Placeholder values of an environment: its env file, overridden by the process environment. */
export async function environmentValues(
  envName: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, string | undefined>> {
  let fileValues: Record<string, string> = {};
  try {
    fileValues = parseEnvFile(await readFile(path.join(root, 'env', `.env.${envName}`), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { TEAMSFX_ENV: envName, ...fileValues, ...env };
}

/** Writes the filled XML manifest of `envName` and returns its path. */
export async function generateOutlookManifest(envName: string): Promise<string> {
  const template = await readFile(path.join(root, 'manifest', 'quorum-outlook.xml'), 'utf8');
  const xml = fillXmlPlaceholders(template, await environmentValues(envName));
  const out = path.join(root, 'appPackage', 'build', `outlook-addin.${envName}.xml`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, xml);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const envName = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'local';
  try {
    console.log(`wrote ${path.relative(root, await generateOutlookManifest(envName))}`);
  } catch (error) {
    console.error(`npm run package:xml: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
