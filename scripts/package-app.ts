// `npm run package [env]`: fills appPackage/manifest.json from env/.env.<env> (default `local`) and the
// process environment, and writes appPackage/build/appPackage.<env>.zip.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAppPackage, parseEnvFile } from './app-package.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const envName = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'local';
const envFile = path.join(root, 'env', `.env.${envName}`);

let fileValues: Record<string, string> = {};
try {
  fileValues = parseEnvFile(await readFile(envFile, 'utf8'));
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  console.warn(`no ${path.relative(root, envFile)}; using the process environment only`);
}

try {
  const built = await buildAppPackage({
    manifestPath: path.join(root, 'appPackage', 'manifest.json'),
    values: { TEAMSFX_ENV: envName, ...fileValues, ...process.env },
  });
  const outDir = path.join(root, 'appPackage', 'build');
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, `appPackage.${envName}.zip`);
  await writeFile(out, built.zip);
  console.log(`wrote ${path.relative(root, out)} (${built.files.join(', ')})`);
} catch (error) {
  console.error(`npm run package: ${(error as Error).message}`);
  process.exitCode = 1;
}
