// A stand-in Entra authority for tests: an RSA signing key, its JWKS served over HTTPS, and a token minter.
import https from 'node:https';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { listenOnEphemeralPort } from './http.js';
import { createTestCa } from './tls.js';

export const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
export const USER_A = 'a0000000-1111-4111-8111-000000000001';
export const USER_B = 'b0000000-1111-4111-8111-000000000002';

export interface MintOptions {
  /** Claims to add or override; `undefined` removes a default claim. */
  readonly claims?: Record<string, unknown>;
  readonly kid?: string;
  /** Seconds since the epoch that `iat`/`nbf`/`exp` are relative to. */
  readonly now?: number;
  /** Sign with another key (its public half is not published). */
  readonly key?: CryptoKey;
}

export interface TestAuthority {
  /** `https://127.0.0.1:<port>`: use as QUORUM_AUTHORITY_HOST. */
  readonly authorityHost: string;
  /** Trust this CA to reach the authority. */
  readonly caPem: string;
  readonly kid: string;
  /** How many JWKS requests the authority has answered. */
  jwksRequests(): number;
  /** Mints an RS256 access token; by default a valid v2 token of TENANT_A/USER_A for `audience`. */
  mint(options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export interface TestAuthorityOptions {
  /** The API's client id: the default `aud`. */
  readonly audience: string;
  /** Tenants the authority knows; others get HTTP 400 like Entra. All tenants when omitted. */
  readonly tenants?: readonly string[];
}

/** Starts an HTTPS authority on an ephemeral port publishing `/{tid}/discovery/v2.0/keys`. */
export async function startTestAuthority(options: TestAuthorityOptions): Promise<TestAuthority> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' }] };
  const ca = await createTestCa();
  const leaf = await ca.issue();
  let requests = 0;
  const server = https.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
    const match = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(req.url ?? '');
    if (!match || (options.tenants && !options.tenants.includes(match[1]!))) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_tenant"}');
      return;
    }
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  const listening = await listenOnEphemeralPort(() => undefined, server);
  const authorityHost = listening.url;
  return {
    authorityHost,
    caPem: ca.caPem,
    kid,
    jwksRequests: () => requests,
    async mint(mint = {}) {
      const now = mint.now ?? Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        aud: options.audience,
        iss: `${authorityHost}/${TENANT_A}/v2.0`,
        tid: TENANT_A,
        oid: USER_A,
        scp: 'access_as_user',
        name: 'Ada Lovelace',
        preferred_username: 'ada@contoso.example',
        ver: '2.0',
        iat: now - 60,
        nbf: now - 60,
        exp: now + 3600,
        ...mint.claims,
      };
      for (const [name, value] of Object.entries(claims))
        if (value === undefined) delete claims[name];
      return new SignJWT(claims as JWTPayload)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: mint.kid ?? kid })
        .sign(mint.key ?? privateKey);
    },
    close: () => listening.close(),
  };
}
