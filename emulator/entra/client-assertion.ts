// Verifies a client assertion (private_key_jwt): PS256 + `x5t#S256` or RS256 + `x5t`, the
// registered certificate's validity window, signature, `iss`==`sub`==client_id, `aud`, `exp`, `nbf`.
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import type { EmulatorContext } from '../context.js';
import type { AppRegistration, Tenant } from '../world/types.js';
import { thumbprintHex } from './certificates.js';
import { Aadsts } from './errors.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Token endpoint URLs a client assertion for this tenant may name as `aud`. */
function acceptedAudiences(
  ctx: EmulatorContext,
  tenant: Tenant | undefined,
  segment: string,
): Set<string> {
  const names = new Set([segment.toLowerCase()]);
  if (tenant) {
    names.add(tenant.id);
    for (const d of tenant.domains) names.add(d);
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${ctx.loginUrl}/${n}/oauth2/v2.0/token`);
    out.add(`${ctx.loginUrl}/${n}/oauth2/token`);
  }
  return out;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Checks the assertion and returns normally when the client is authenticated by it. */
export async function verifyClientAssertion(
  ctx: EmulatorContext,
  args: {
    app: AppRegistration;
    assertion: string;
    tenant: Tenant | undefined;
    tenantSegment: string;
  },
): Promise<void> {
  const { app, assertion } = args;
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw Aadsts.malformedAssertion();
  }
  const alg = header.alg;
  if (alg !== 'PS256' && alg !== 'RS256') throw Aadsts.assertionSignature();
  const s256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const s1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  if (!s256 && !s1) throw Aadsts.assertionSignature();
  const cert = app.certificates.find((c) =>
    s256 ? c.thumbprintSha256 === s256 : c.thumbprintSha1 === s1,
  );
  const hex = thumbprintHex((s256 ?? s1) as string);
  if (!cert) throw Aadsts.assertionKeyNotFound(hex, app.appId);
  const nowMs = ctx.now();
  if (Date.parse(cert.endDateTime) <= nowMs || Date.parse(cert.startDateTime) > nowMs) {
    throw Aadsts.assertionKeyExpired(hex, cert.startDateTime, cert.endDateTime);
  }

  let payloadBytes: Uint8Array;
  try {
    const key = await importX509(cert.certPem, alg);
    payloadBytes = (await compactVerify(assertion, key, { algorithms: [alg] })).payload;
  } catch {
    throw Aadsts.assertionSignature();
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payloadBytes)) as Record<string, unknown>;
  } catch {
    throw Aadsts.malformedAssertion();
  }
  if (claims.iss !== app.appId || claims.sub !== app.appId) throw Aadsts.assertionIssuer();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const accepted = acceptedAudiences(ctx, args.tenant, args.tenantSegment);
  if (!audiences.some((a) => typeof a === 'string' && accepted.has(a.toLowerCase()))) {
    throw Aadsts.assertionAudience(String(claims.aud));
  }
  const now = Math.floor(nowMs / 1000);
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
  if (exp === undefined) throw Aadsts.malformedAssertion();
  // [U] Entra tolerates clock skew but documents no figure. msal-node rounds `nbf` up to the next
  // second, so an assertion can arrive "from the future": allow 5 minutes on `nbf`, none on `exp`.
  if (exp <= now || (nbf !== undefined && nbf - 300 > now)) {
    throw Aadsts.assertionTime(iso(now), iso(nbf ?? now), iso(exp));
  }
}
