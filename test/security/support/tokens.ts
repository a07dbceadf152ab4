// Access tokens for Quorum's API as an attacker would bring them: v1 and v2 tokens signed with the
// emulated Entra's real keys (so only the claims decide), and tokens that are forged outright — an
// unpublished key, a published kid over another key, `alg: none`.
import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { TestQuorum } from '../../support/quorum.js';

export interface Person {
  readonly tenant: string;
  readonly upn: string;
}

export type TokenVersion = 'v1' | 'v2';

export interface TokenShape {
  readonly version?: TokenVersion;
  /** Seconds from now until `exp`; negative for an expired token. */
  readonly expiresIn?: number;
  /** Claims to override (`undefined` removes one). */
  readonly claims?: Record<string, unknown>;
}

/** Signs tokens for people of the emulated world with the emulator's own signing keys. */
export class TokenFactory {
  constructor(private readonly quorum: TestQuorum) {}

  /** The claims Entra would put in a token for Quorum's API, v1 or v2. */
  claimsFor(who: Person, shape: TokenShape = {}): JWTPayload {
    const { emulator, config } = this.quorum;
    const tenant = emulator.world.findTenant(who.tenant);
    const user = tenant ? emulator.world.findUser(tenant, who.upn) : undefined;
    if (!tenant || !user) throw new Error(`no ${who.upn} in ${who.tenant}`);
    const now = Math.floor(Date.now() / 1000);
    const v1 = shape.version === 'v1';
    const claims: Record<string, unknown> = {
      aud: v1 ? config.apiAppIdUri : config.clientId,
      iss: v1 ? `https://sts.windows.net/${tenant.id}/` : `${emulator.loginUrl}/${tenant.id}/v2.0`,
      iat: now - 300,
      nbf: now - 300,
      exp: now + (shape.expiresIn ?? 3600),
      name: user.displayName,
      oid: user.id,
      scp: 'access_as_user',
      tid: tenant.id,
      ver: v1 ? '1.0' : '2.0',
      ...(v1 ? { upn: user.userPrincipalName } : { preferred_username: user.userPrincipalName }),
      ...(user.directoryRoles.length > 0 ? { wids: [...user.directoryRoles] } : {}),
      uti: randomUUID(),
      ...shape.claims,
    };
    for (const [name, value] of Object.entries(claims))
      if (value === undefined) delete claims[name];
    return claims;
  }

  /** A token signed by the emulated Entra (its current, published key). */
  sign(who: Person, shape: TokenShape = {}): Promise<string> {
    return this.quorum.emulator.keys.sign(this.claimsFor(who, shape), {
      x5t: shape.version === 'v1',
    });
  }

  /** A token whose `kid` the tenant never published, signed by a key only the attacker holds. */
  async unknownKey(who: Person): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    return new SignJWT(this.claimsFor(who))
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: `forged-${randomUUID()}` })
      .sign(privateKey);
  }

  /** A token claiming Entra's published `kid` but signed by another key. */
  async stolenKid(who: Person): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    return new SignJWT(this.claimsFor(who))
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.quorum.emulator.keys.currentKid })
      .sign(privateKey);
  }

  /** An unsigned token (`alg: none`) with otherwise perfect claims. */
  algNone(who: Person): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(this.claimsFor(who))}.`;
  }
}
