// Scope strings → the one resource they name (Graph or an app's own API) and its scopes, as
// Entra reads them: `https://graph.microsoft.com/X`, `00000003-…/X`, bare `X` (Graph), `{appId}/X`,
// `api://…/X`, plus the OpenID scopes that are not tied to a resource.
import type { World } from '../world/world.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type AppRegistration } from '../world/types.js';
import { Aadsts } from './errors.js';

export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export type ScopeResource = { kind: 'graph' } | { kind: 'app'; app: AppRegistration };

/** A parsed scope parameter: one resource, its scope values (without prefix), and the OIDC scopes. */
export interface ScopeRequest {
  resource: ScopeResource;
  /** Scope values on the resource, e.g. `Calendars.ReadWrite`, `access_as_user`, `.default`. */
  values: string[];
  oidc: string[];
  /** The scope strings as requested. */
  raw: string[];
}

export function splitScopes(scope: string | undefined): string[] {
  return (scope ?? '').split(/[\s+]+/).filter((s) => s.length > 0);
}

function resourceOf(world: World, scope: string): { resource: ScopeResource; value: string } {
  const slash = scope.lastIndexOf('/');
  if (slash < 0) return { resource: { kind: 'graph' }, value: scope };
  const prefix = scope.slice(0, slash).toLowerCase();
  const value = scope.slice(slash + 1);
  if (prefix === GRAPH_RESOURCE || prefix === GRAPH_APP_ID || prefix === `${GRAPH_RESOURCE}/`) {
    return { resource: { kind: 'graph' }, value };
  }
  for (const app of world.apps.values()) {
    if (prefix === app.appId || app.identifierUris.some((u) => u.toLowerCase() === prefix)) {
      return { resource: { kind: 'app', app }, value };
    }
  }
  throw Aadsts.invalidScope(scope);
}

function sameResource(a: ScopeResource, b: ScopeResource): boolean {
  return a.kind === 'graph' ? b.kind === 'graph' : b.kind === 'app' && a.app.appId === b.app.appId;
}

/**
 * Parses a scope parameter. All resource scopes must name one resource (AADSTS70011 otherwise);
 * only OIDC scopes means a Graph token with `User.Read`, as Entra issues.
 */
export function parseScopes(world: World, scope: string | undefined): ScopeRequest {
  const raw = splitScopes(scope);
  const oidc = raw.filter((s) => OIDC_SCOPES.has(s.toLowerCase())).map((s) => s.toLowerCase());
  let resource: ScopeResource | undefined;
  const values: string[] = [];
  for (const s of raw) {
    if (OIDC_SCOPES.has(s.toLowerCase())) continue;
    const r = resourceOf(world, s);
    if (resource && !sameResource(resource, r.resource)) throw Aadsts.invalidScope(scope ?? '');
    if (r.resource.kind === 'app') {
      const app = r.resource.app;
      if (r.value !== '.default' && !app.apiScopes.some((x) => x.value === r.value)) {
        throw Aadsts.invalidScope(s);
      }
    }
    resource = r.resource;
    if (!values.includes(r.value)) values.push(r.value);
  }
  if (!resource) return { resource: { kind: 'graph' }, values: ['User.Read'], oidc, raw };
  return { resource, values, oidc, raw };
}
