// Builds Quorum's Express app from its dependencies: no port, no environment, no globals.
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Services } from './services.js';
import { requireAuth } from './http/auth/require-auth.js';
import type { TokenVerifier } from './http/auth/token-verifier.js';
import { jsonBody } from './http/body.js';
import { AppError } from './http/errors.js';
import { httpLogging } from './http/logging.js';
import { ApiRegistry } from './http/openapi.js';
import { problemEdge } from './http/problem.js';
import { createRateLimiter } from './http/rate-limit.js';
import { requestId } from './http/request-id.js';
import { securityHeaders } from './http/security-headers.js';
import { z } from './http/zod.js';

/** Everything the app needs from outside. Integrators add their services (store, identity, Graph) here. */
export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly tokenVerifier: TokenVerifier;
  /**
   * Store, identity and Graph client. Always present in the running server (`main.ts`); tests of the
   * HTTP core alone may leave them out, and feature route modules that need them must be given them.
   */
  readonly services?: Services;
  /** Feature routes, mounted after auth and rate limiting, in order. */
  readonly routes?: readonly RouteModule[];
  /** Request id generator; a random UUID by default. */
  readonly newRequestId?: () => string;
}

/** What a route module gets to mount itself with. */
export interface RouteContext {
  /**
   * Mounted at `/`, after the error-free middleware chain: requests under `/api/` arrive with a verified
   * `res.locals.caller`; every request here has passed the rate limiter. Register full paths.
   */
  readonly router: Router;
  /** Describe each route here so it appears in `GET /api/openapi.json`. */
  readonly api: ApiRegistry;
  readonly deps: AppDeps;
}

/** A feature's routes: mounts handlers on `router` and describes them in `api`. */
export type RouteModule = (context: RouteContext) => void;

export const API_VERSION = '1.0.0';

const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');

/**
 * Creates the app. Middleware order: request id → logging → security headers → bounded JSON body →
 * health and OpenAPI → auth for `/api` (failed sign-ins charged per IP) → rate limit → feature routes →
 * 404/405 → the problem+json edge.
 */
export function createApp(deps: AppDeps): express.Express {
  const { config, logger, clock } = deps;
  const app = express();
  const api = new ApiRegistry();
  app.disable('x-powered-by');
  // One reverse proxy at most: trusting every hop would let clients forge X-Forwarded-For.
  app.set('trust proxy', config.trustProxy ? 1 : false);

  app.use(requestId(deps.newRequestId));
  app.use(httpLogging(logger));
  app.use(securityHeaders());
  app.use(jsonBody(config.maxBodyBytes));

  api.route({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    auth: false,
    responses: {
      200: { description: 'Alive', content: { 'application/json': { schema: HealthSchema } } },
    },
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  api.route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI description',
    auth: false,
    responses: {
      200: { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } },
    },
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(api.document({ title: 'Quorum', version: API_VERSION, serverUrl: config.publicUrl }));
  });

  const limiter = createRateLimiter({
    tenantPerMinute: config.rateLimit.tenantPerMinute,
    userPerMinute: config.rateLimit.userPerMinute,
    clock,
  });
  app.use('/api', limiter.beforeAuth, requireAuth(deps.tokenVerifier));
  app.use('/api', limiter.chargeFailedAuth);
  app.use(limiter.limit);

  const router = express.Router();
  for (const mount of deps.routes ?? []) mount({ router, api, deps });
  app.use(router);

  app.use((req) => {
    const allowed = api.methodsFor(req.path);
    if (allowed.length > 0 && !allowed.includes(req.method === 'HEAD' ? 'GET' : req.method)) {
      throw new AppError('ERR_METHOD_NOT_ALLOWED', {
        detail: `${req.method} is not allowed here; use ${allowed.join(', ')}.`,
        headers: { Allow: allowed.join(', ') },
      });
    }
    throw new AppError('ERR_NOT_FOUND', { detail: `No route for ${req.method} ${req.path}.` });
  });
  app.use(problemEdge(logger));
  return app;
}
