// The tenant admin's sign-in that follows admin consent. Entra's consent redirect proves nothing
// about who consented (its `tenant` value can be typed by anyone), so before Quorum claims a tenant
// for an org — or moves it from another — the admin signs in (authorization code + PKCE) and the
// resulting token for Quorum's API must come from that tenant and carry an admin role in `wids`.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { AppError } from '../http/errors.js';
import type { AppCredential } from '../microsoft/identity/index.js';
import { describeCertificate } from '../microsoft/identity/index.js';
import type { Fetch } from '../net/fetch.js';

export interface AdminSignInOptions {
  authorityHost: string;
  clientId: string;
  /** `{publicUrl}/consent/callback`: registered for both redirects. */
  redirectUri: string;
  /** `{apiAppIdUri}/access_as_user`: a token for Quorum's own API carries `wids`. */
  apiScope: string;
  credential: AppCredential;
  fetch: Fetch;
  now(): number;
}

/** The authorize URL for the admin of `tenantId` to sign in after consenting. */
export function adminSignInUrl(
  options: Pick<AdminSignInOptions, 'authorityHost' | 'clientId' | 'redirectUri' | 'apiScope'>,
  args: { tenantId: string; state: string; codeChallenge: string },
): string {
  const url = new URL(`${options.authorityHost}/${args.tenantId}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    response_mode: 'query',
    scope: `openid profile ${options.apiScope}`,
    state: args.state,
    code_challenge: args.codeChallenge,
    code_challenge_method: 'S256',
    prompt: 'select_account',
  }).toString();
  return url.toString();
}

/** Redeems the code; resolves to the access token for Quorum's API (verify it like any other). */
export async function redeemAdminSignIn(
  options: AdminSignInOptions,
  args: { tenantId: string; code: string; codeVerifier: string },
): Promise<string> {
  const tokenEndpoint = `${options.authorityHost}/${args.tenantId}/oauth2/v2.0/token`;
  const form = new URLSearchParams({
    client_id: options.clientId,
    grant_type: 'authorization_code',
    code: args.code,
    redirect_uri: options.redirectUri,
    code_verifier: args.codeVerifier,
    scope: `openid profile ${options.apiScope}`,
  });
  const { credential } = options;
  if (credential.kind === 'secret') {
    form.set('client_secret', credential.secret);
  } else {
    form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    form.set('client_assertion', await clientAssertion(credential, tokenEndpoint, options.now()));
  }
  let response: Response;
  try {
    response = await options.fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  } catch (error) {
    throw new AppError('ERR_CONSENT_SIGN_IN_FAILED', {
      detail: 'Entra ID could not be reached to complete the sign-in.',
      cause: error,
    });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const token = body['access_token'];
  if (!response.ok || typeof token !== 'string') {
    const description =
      typeof body['error_description'] === 'string' ? body['error_description'] : '';
    throw new AppError('ERR_CONSENT_SIGN_IN_FAILED', {
      detail: `Entra ID did not complete the sign-in: ${description.split(/\r?\n/)[0] || response.status}.`,
    });
  }
  return token;
}

/** A PS256 client assertion (private_key_jwt) for the token endpoint, as Entra recommends. */
async function clientAssertion(
  credential: Extract<AppCredential, { kind: 'certificate' }>,
  audience: string,
  now: number,
): Promise<string> {
  const certificate = describeCertificate(credential.certificatePem);
  // jose reads PKCS#8 only; Quorum's key file may be PKCS#1.
  const pkcs8 = createPrivateKey(credential.privateKeyPem).export({ type: 'pkcs8', format: 'pem' });
  const key = await importPKCS8(pkcs8.toString(), 'PS256');
  const seconds = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': Buffer.from(certificate.thumbprintSha256, 'hex').toString('base64url'),
    })
    .setIssuer(credential.clientId)
    .setSubject(credential.clientId)
    .setAudience(audience)
    .setJti(randomUUID())
    .setNotBefore(seconds)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 600)
    .sign(key);
}
