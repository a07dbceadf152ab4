// What route modules need to resolve the caller's membership: the services of the running app and
// their membership dependencies (tenant discovery included, DESIGN J1.2).
import type { AppDeps } from '../../app.js';
import type { MembershipDeps } from '../../domain/membership.js';
import type { Services } from '../../services.js';

/** The app's services; a route module mounted without them is a wiring mistake (`TypeError`). */
export function servicesOf(deps: AppDeps): Services {
  if (!deps.services) throw new TypeError('this route module needs AppDeps.services');
  return deps.services;
}

export function membershipDepsOf(deps: AppDeps): MembershipDeps {
  return servicesOf(deps).membership;
}
