// Entra ID endpoints (login.microsoftonline.com): discovery and keys, the token endpoint,
// the authorize endpoint with its user picker, admin consent, and the error lookup page.
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { createAdminConsentRouter } from './admin-consent.js';
import { createAuthorizeRouter } from './authorize-endpoint.js';
import { createDiscoveryRouter } from './discovery.js';
import { createErrorInfoRouter } from './error-info.js';
import { createTokenRouter } from './token-endpoint.js';

export function createEntraRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.use(createDiscoveryRouter(ctx));
  router.use(createTokenRouter(ctx));
  router.use(createAuthorizeRouter(ctx));
  router.use(createAdminConsentRouter(ctx));
  router.use(createErrorInfoRouter());
  return router;
}
