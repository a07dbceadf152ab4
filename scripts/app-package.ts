// Builds the Microsoft 365 app package: the manifest with its `${{NAME}}` placeholders filled (as the
// Agents Toolkit fills them) plus the files it names (icons), zipped flat as Teams and Outlook expect.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';

export interface AppPackageOptions {
  /** `appPackage/manifest.json`. */
  manifestPath: string;
  /** Placeholder values, e.g. from `env/.env.dev` and the process environment. */
  values: Readonly<Record<string, string | undefined>>;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  /** File names inside the zip. */
  files: string[];
  zip: Uint8Array;
}

/** Parses `KEY=VALUE` lines (the Toolkit's env files); `#` comments and blank lines are skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`env file line is not KEY=VALUE: "${line}"`);
    values[line.slice(0, eq).trim()] = line
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return values;
}

/** Replaces every `${{NAME}}`; names without a value are listed together in one error. */
export function fillManifestPlaceholders(
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
    // Values land inside JSON strings: escape them as JSON does.
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) {
    throw new Error(`no value for manifest placeholder(s): ${[...missing].sort().join(', ')}`);
  }
  return filled;
}

/** Relative file references in a manifest (icons), which must sit beside it in the package. */
function referencedFiles(manifest: Record<string, unknown>): string[] {
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  return [icons.color, icons.outline].filter(
    (f): f is string => typeof f === 'string' && !/^https?:/i.test(f),
  );
}

export async function buildAppPackage(options: AppPackageOptions): Promise<AppPackage> {
  const dir = path.dirname(options.manifestPath);
  const text = fillManifestPlaceholders(
    await readFile(options.manifestPath, 'utf8'),
    options.values,
  );
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const entries: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(text) };
  for (const file of referencedFiles(manifest)) {
    if (file.includes('/') || file.includes('\\')) {
      throw new Error(
        `manifest file reference "${file}" must be a plain file name in the package root`,
      );
    }
    entries[file] = new Uint8Array(await readFile(path.join(dir, file)));
  }
  return { manifest, files: Object.keys(entries), zip: zipSync(entries, { level: 9 }) };
}
