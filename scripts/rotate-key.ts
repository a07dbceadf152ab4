// `npm run rotate-key`: rotates the secrets key of a stopped Quorum (logic in server/store/rotate-keys.ts).
import path from 'node:path';
import { StoreError } from '../server/store/errors.js';
import { rotateKeys } from '../server/store/rotate-keys.js';

const dataDir = path.resolve(process.env.QUORUM_DATA_DIR || './data');
const keyringFile = process.env.QUORUM_KEYRING_FILE || path.join(dataDir, 'keyring.json');

try {
  const result = await rotateKeys({ dataDir, keyringFile });
  console.log(`new key ${result.newKid} is current (${keyringFile})`);
  console.log(
    `re-encrypted ${result.reencrypted} secret(s) in ${result.filesRewritten.length} file(s)`,
  );
  if (result.retiredKids.length > 0) console.log(`retired keys: ${result.retiredKids.join(', ')}`);
  if (result.failures.length > 0) {
    console.error(
      `${result.failures.length} secret(s) could not be re-encrypted and were left as they were:`,
    );
    for (const failure of result.failures) {
      console.error(
        `  ${failure.file} ${failure.name} (key ${failure.kid}): ${failure.code} ${failure.message}`,
      );
    }
    if (result.keptKids.length > 0)
      console.error(`kept keys still in use: ${result.keptKids.join(', ')}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof StoreError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
