// `GET /_emulator/state`: a read-only summary of the Entra side — tenants and their service
// principals, app registrations with their credentials' expiry (never secret values), keys, faults —
// and the thumbprint format it shares with the certificate routes.
import type { EmulatorContext } from '../context.js';
import { entraState } from '../entra/state.js';

export function hexThumbprint(base64url: string): string {
  return Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
}

export function entraStateSummary(ctx: EmulatorContext) {
  const { world } = ctx;
  const now = ctx.now();
  const state = entraState(ctx);
  return {
    loginUrl: ctx.loginUrl,
    graphUrl: ctx.graphUrl,
    tenants: [...world.tenants.values()].map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domains: t.domains,
      users: t.users.filter((u) => !u.deleted).length,
      servicePrincipals: Object.values(t.servicePrincipals).map((sp) => ({
        appId: sp.appId,
        id: sp.id,
        roles: sp.grantedAppRoles,
      })),
    })),
    apps: [...world.apps.values()].map((a) => ({
      appId: a.appId,
      displayName: a.displayName,
      homeTenantId: a.homeTenantId,
      signInAudience: a.signInAudience,
      disabled: a.disabled === true,
      secrets: a.secrets.map((s) => ({
        keyId: s.keyId,
        hint: s.hint,
        endDateTime: s.endDateTime,
        expired: Date.parse(s.endDateTime) <= now,
      })),
      certificates: a.certificates.map((c) => ({
        keyId: c.keyId,
        thumbprint: hexThumbprint(c.thumbprintSha1),
        endDateTime: c.endDateTime,
        expired: Date.parse(c.endDateTime) <= now,
      })),
    })),
    signingKeys: ctx.keys.jwks().keys.map((k) => k.kid),
    currentSigningKey: ctx.keys.currentKid,
    pendingTokenFaults: state.faults.reduce((n, f) => n + f.remaining, 0),
    outstandingRefreshTokens: state.refreshTokens.size,
  };
}
