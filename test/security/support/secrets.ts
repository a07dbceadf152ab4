// What must never appear in a response or a log line: the app secrets Entra knows, the refresh tokens
// it issued, Quorum's at-rest key and its signing keys, Entra access tokens and PEM private keys.
import { decodeJwt } from 'jose';
import { entraState } from '../../../emulator/entra/state.js';
import type { TestQuorum } from '../../support/quorum.js';

/** Quorum's signing keys kept in the store's system secrets. */
const SYSTEM_SECRETS = [
  'consent-state-key',
  'graph-client-state-key',
  'personal-connect-state-key',
  'members-export-hmac-key',
];

const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/g;

export interface Finding {
  readonly what: string;
  readonly where: string;
}

/** The forms a binary key may be printed in. */
function encodings(base64: string): string[] {
  const bytes = Buffer.from(base64, 'base64');
  return [base64, bytes.toString('base64url'), bytes.toString('hex')];
}

/** Every secret value known right now, named. Call it at the end: refresh tokens accumulate. */
export async function knownSecrets(
  quorum: TestQuorum,
  storeKeyBase64: string,
): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const app of quorum.emulator.world.apps.values())
    for (const secret of app.secrets) secrets.set(secret.value, `client secret of ${app.appId}`);
  for (const token of entraState(quorum.emulator).refreshTokens.keys())
    secrets.set(token, 'a refresh token');
  for (const form of encodings(storeKeyBase64)) secrets.set(form, 'the store key');
  for (const name of SYSTEM_SECRETS) {
    const value = await quorum.services.store.readSystemSecret(name);
    if (value) for (const form of encodings(value)) secrets.set(form, `system secret ${name}`);
  }
  return secrets;
}

/** An Entra access token (it names a tenant and an audience) anywhere in `text`. */
function accessTokensIn(text: string): string[] {
  const found: string[] = [];
  for (const [candidate] of text.matchAll(JWT)) {
    try {
      const claims = decodeJwt(candidate);
      if (typeof claims.tid === 'string' && claims.aud !== undefined) found.push(candidate);
    } catch {
      // not a JWT after all
    }
  }
  return found;
}

/** Everything secret in `texts` (each named by where it came from). */
export function scanForSecrets(
  texts: readonly { where: string; text: string }[],
  secrets: ReadonlyMap<string, string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const { where, text } of texts) {
    for (const [value, what] of secrets) if (text.includes(value)) findings.push({ what, where });
    if (PRIVATE_KEY_PEM.test(text)) findings.push({ what: 'a PEM private key', where });
    for (const token of accessTokensIn(text))
      findings.push({ what: `an access token (${token.slice(0, 12)}…)`, where });
  }
  return findings;
}
