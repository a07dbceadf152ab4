// Puts plaintext into, and takes it out of, a secrets file: the one place that handles plaintext.
import { hasKey } from './json-value.js';
import type { JsonDocumentFile } from './json-document-file.js';
import type { Keyring } from './keyring.js';
import { assertKey } from './layout.js';
import type { SecretsData } from './org-state.js';
import { openSecret, sealSecret, secretAad } from './secret-cipher.js';

export class SecretVault {
  constructor(
    private readonly keyring: Keyring,
    private readonly random: (size: number) => Buffer,
  ) {}

  put(file: JsonDocumentFile<SecretsData>, scope: string, name: string, plaintext: string): void {
    assertKey('secret name', name);
    if (typeof plaintext !== 'string') throw new TypeError('secret plaintext must be a string');
    file.data.secrets[name] = sealSecret(
      this.keyring,
      plaintext,
      secretAad(scope, name),
      this.random,
    );
    file.changed();
  }

  read(file: JsonDocumentFile<SecretsData>, scope: string, name: string): string | undefined {
    assertKey('secret name', name);
    const { secrets } = file.data;
    if (!hasKey(secrets, name)) return undefined;
    return openSecret(this.keyring, secrets[name], secretAad(scope, name), name);
  }

  delete(file: JsonDocumentFile<SecretsData>, name: string): boolean {
    assertKey('secret name', name);
    if (!hasKey(file.data.secrets, name)) return false;
    delete file.data.secrets[name];
    file.changed();
    return true;
  }

  names(file: JsonDocumentFile<SecretsData>): string[] {
    return Object.keys(file.data.secrets).sort();
  }
}
