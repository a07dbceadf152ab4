// Authenticates the client at the token endpoint: client_secret in the body or HTTP Basic
// (RFC 6749 §2.3.1), or a certificate assertion; answers `appidacr` ("1" secret, "2" certificate).
import type { Request } from 'express';
import type { EmulatorContext } from '../context.js';
import type { AppRegistration, Tenant } from '../world/types.js';
import type { ClientAuthMethod } from './access-tokens.js';
import { JWT_BEARER, verifyClientAssertion } from './client-assertion.js';
import { Aadsts } from './errors.js';

export interface PresentedCredentials {
  clientId?: string;
  secret?: string;
  assertion?: string;
  assertionType?: string;
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Reads client id and credential from the form body, falling back to an HTTP Basic header. */
export function presentedCredentials(req: Request): PresentedCredentials {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const out: PresentedCredentials = {
    clientId: field(body, 'client_id'),
    secret: field(body, 'client_secret'),
    assertion: field(body, 'client_assertion'),
    assertionType: field(body, 'client_assertion_type'),
  };
  const auth = req.get('authorization');
  const basic = auth && /^Basic\s+(.+)$/i.exec(auth);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      out.clientId ??= id;
      out.secret ??= secret;
    }
  }
  return out;
}

/** True when some credential was presented. */
export function hasCredential(c: PresentedCredentials): boolean {
  return c.secret !== undefined || c.assertion !== undefined;
}

/** Verifies the presented credential against the app; throws the AADSTS error Entra would. */
export async function authenticateClient(
  ctx: EmulatorContext,
  args: {
    app: AppRegistration;
    presented: PresentedCredentials;
    tenant: Tenant | undefined;
    tenantSegment: string;
    grantType: string;
  },
): Promise<ClientAuthMethod> {
  const { app, presented } = args;
  if (presented.assertion !== undefined) {
    if (presented.assertionType !== JWT_BEARER)
      throw Aadsts.missingParameter('client_assertion_type');
    await verifyClientAssertion(ctx, {
      app,
      assertion: presented.assertion,
      tenant: args.tenant,
      tenantSegment: args.tenantSegment,
    });
    return '2';
  }
  if (presented.secret !== undefined) {
    const match = app.secrets.find((s) => s.value === presented.secret);
    if (!match) throw Aadsts.invalidSecret(app.appId);
    const now = ctx.now();
    if (Date.parse(match.endDateTime) <= now) throw Aadsts.expiredSecret(app.appId);
    if (Date.parse(match.startDateTime) > now) throw Aadsts.invalidSecret(app.appId);
    return '1';
  }
  throw args.grantType === 'client_credentials'
    ? Aadsts.noCredentialClientCredentials()
    : Aadsts.noCredential();
}
