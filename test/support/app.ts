// Builds the real app for tests with overridable dependencies, and a route module that echoes the caller.
import { createApp, type AppDeps, type RouteModule } from '../../server/app.js';
import { callerOf } from '../../server/http/auth/caller.js';
import type { TokenVerifier } from '../../server/http/auth/token-verifier.js';
import { AppError } from '../../server/http/errors.js';
import { captureLogs } from './log-capture.js';
import { createFakeClock } from './fake-clock.js';
import { testConfig } from './config.js';
import { listenOnEphemeralPort, type Listening } from './http.js';

/** A verifier that accepts only the token `good` (as TENANT_A/USER_A) and rejects the rest. */
export const fakeVerifier: TokenVerifier = {
  verify(token) {
    if (token !== 'good') return Promise.reject(new AppError('ERR_AUTH_TOKEN_INVALID'));
    return Promise.resolve({
      tenantId: 'aaaaaaaa-0000-4000-8000-00000000000a',
      objectId: 'a0000000-1111-4111-8111-000000000001',
      name: 'Ada Lovelace',
      preferredUsername: 'ada@contoso.example',
      directoryRoleIds: [],
    });
  },
};

/** `GET /api/whoami`: answers with the verified caller. */
export const whoamiRoutes: RouteModule = ({ router, api }) => {
  api.route({
    method: 'get',
    path: '/api/whoami',
    summary: 'The caller',
    responses: { 200: { description: 'The caller' } },
  });
  router.get('/api/whoami', (_req, res) => {
    res.json(callerOf(res));
  });
};

/** Builds the app with test defaults (silent captured logs, fake clock, fake verifier, whoami route). */
export function buildTestApp(overrides: Partial<AppDeps> = {}) {
  const logs = captureLogs();
  const deps: AppDeps = {
    config: testConfig(),
    logger: logs.logger,
    clock: createFakeClock(),
    tokenVerifier: fakeVerifier,
    routes: [whoamiRoutes],
    ...overrides,
  };
  return { app: createApp(deps), deps, logs };
}

/** Builds and listens; close the returned server after the test. */
export async function startTestApp(
  overrides: Partial<AppDeps> = {},
): Promise<Listening & ReturnType<typeof buildTestApp>> {
  const built = buildTestApp(overrides);
  const listening = await listenOnEphemeralPort(built.app);
  return { ...built, ...listening };
}
