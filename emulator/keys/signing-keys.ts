// Entra's token-signing keys: RS256 keys published in every tenant's JWKS, with rotation
// (the previous key stays published so tokens it signed still verify, as at Microsoft).
import { randomBytes } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function createKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const kid = randomBytes(20).toString('base64url');
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicJwk: { ...jwk, kid, use: 'sig', kty: 'RSA', alg: 'RS256' } };
}

export class SigningKeys {
  private constructor(
    private current: SigningKey,
    private previous: SigningKey[],
  ) {}

  static async create(): Promise<SigningKeys> {
    return new SigningKeys(await createKey(), []);
  }

  /** The key id tokens are signed with now. */
  get currentKid(): string {
    return this.current.kid;
  }

  /** The published key set (`/discovery/v2.0/keys`). */
  jwks(): { keys: JWK[] } {
    return { keys: [this.current.publicJwk, ...this.previous.map((k) => k.publicJwk)] };
  }

  /** Makes a new key current; the old one stays published (and verifiable) until the next rotation. */
  async rotate(): Promise<void> {
    this.previous = [this.current];
    this.current = await createKey();
  }

  /** Signs claims as Entra does (RS256, `typ: JWT`, `kid`; v1 tokens also carry `x5t`). */
  async sign(claims: JWTPayload, options: { x5t?: boolean } = {}): Promise<string> {
    const header = {
      alg: 'RS256',
      typ: 'JWT',
      kid: this.current.kid,
      ...(options.x5t ? { x5t: this.current.kid } : {}),
    };
    return new SignJWT(claims).setProtectedHeader(header).sign(this.current.privateKey);
  }

  /** The public JWK for a kid, or undefined if it is not (or no longer) published. */
  publicKey(kid: string): JWK | undefined {
    return [this.current, ...this.previous].find((k) => k.kid === kid)?.publicJwk;
  }
}
