// Entra ID endpoints (login.microsoftonline.com): discovery and keys, the token endpoint,
// the authorize endpoint with its user picker, and admin consent.
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { createDiscoveryRouter } from './discovery.js';
import { createTokenRouter } from './token-endpoint.js';

export function createEntraRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.use(createDiscoveryRouter(ctx));
  router.use(createTokenRouter(ctx));
  return router;
}
