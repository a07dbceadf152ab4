// Control API (`/_emulator/...`) for the Entra side of the world: mint user tokens, manage app
// credentials, grant or revoke consent, register bring-your-own apps, rotate keys, inject faults.
import { randomBytes, randomUUID } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { AadstsError } from '../entra/aadsts.js';
import { certificateCredential } from '../entra/certificates.js';
import { parseScopes } from '../entra/scopes.js';
import { entraState } from '../entra/state.js';
import { defaultFaultFor, injectTokenFault } from '../entra/token-faults.js';
import { mintUserAccessToken } from '../entra/user-tokens.js';
import { entraStateSummary, hexThumbprint } from './entra-state-summary.js';
import type { AppRegistration, SecretCredential, Tenant } from '../world/types.js';

/** A control-API failure: status plus a message naming what was wrong. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ControlError(400, `${where}${issue?.message ?? 'invalid body'}`);
  }
  return result.data;
}

const DAY_MS = 86_400_000;

const userTokenSchema = z.object({
  tenant: z.string().min(1),
  upn: z.string().min(1),
  scopes: z.union([z.string(), z.array(z.string())]).optional(),
  expiresInSeconds: z.number().int().optional(),
  audience: z.string().min(1).optional(),
  clientId: z.string().min(1).optional(),
});
const secretSchema = z.object({
  displayName: z.string().optional(),
  expiresInDays: z.number().positive().optional(),
  endDateTime: z.iso.datetime({ offset: true }).optional(),
  startDateTime: z.iso.datetime({ offset: true }).optional(),
});
const certificateSchema = z.object({ certPem: z.string().min(1) });
const appPatchSchema = z.object({ disabled: z.boolean().optional() });
const consentSchema = z.object({
  appId: z.string().min(1),
  roles: z.array(z.string().min(1)).optional(),
});
const byoAppSchema = z.object({
  tenant: z.string().min(1),
  displayName: z.string().min(1).default('Quorum (own registration)'),
  requiredAppRoles: z.array(z.string().min(1)).optional(),
  redirectUris: z.array(z.url()).default([]),
  grantConsent: z.boolean().default(true),
  secretExpiresInDays: z.number().positive().default(180),
});
const faultSchema = z.object({
  status: z.number().int().min(400).max(599),
  count: z.number().int().min(1).default(1),
  // msal-node 7 treats `Retry-After: 0` as absent and throttles identical requests for 60 s
  // (ThrottlingUtils.calculateThrottleTime), so the default here is 1 second.
  retryAfter: z.number().int().min(0).max(3600).optional().default(1),
  error: z.string().min(1).optional(),
  code: z.number().int().positive().optional(),
  description: z.string().min(1).optional(),
});

function secretValue(): string {
  // Entra secrets are 40 characters with a `~` after a 3-character hint.
  const raw = randomBytes(30).toString('base64url').replace(/[-_]/g, '.');
  return `${raw.slice(0, 3)}8Q~${raw.slice(3, 37)}`;
}

function newSecret(ctx: EmulatorContext, body: z.infer<typeof secretSchema>): SecretCredential {
  const now = ctx.now();
  const value = secretValue();
  const start = body.startDateTime ?? new Date(now).toISOString();
  const end =
    body.endDateTime ?? new Date(now + (body.expiresInDays ?? 180) * DAY_MS).toISOString();
  if (Date.parse(end) <= Date.parse(start)) {
    throw new ControlError(400, 'endDateTime must be after startDateTime');
  }
  return {
    keyId: randomUUID(),
    displayName: body.displayName,
    value,
    hint: value.slice(0, 3),
    startDateTime: new Date(start).toISOString(),
    endDateTime: new Date(end).toISOString(),
  };
}

/** Routes of the Entra control API; mounted at `/_emulator` after `express.json()`. */
export function createEntraControls(ctx: EmulatorContext): Router {
  const router = Router();
  const { world } = ctx;

  const tenantOf = (name: string): Tenant => {
    const tenant = world.findTenant(name);
    if (!tenant) throw new ControlError(404, `no tenant '${name}'`);
    return tenant;
  };
  const appOf = (appId: string): AppRegistration => {
    const app = world.findApp(appId);
    if (!app) throw new ControlError(404, `no app registration '${appId}'`);
    return app;
  };
  const route =
    (fn: (req: Request, res: Response) => Promise<void> | void) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        await fn(req, res);
      } catch (err) {
        if (err instanceof ControlError) {
          res.status(err.status).json({
            error: err.status === 404 ? 'not_found' : 'bad_request',
            message: err.message,
          });
        } else if (err instanceof AadstsError) {
          res.status(400).json({ error: err.error, message: err.message });
        } else next(err);
      }
    };

  router.post(
    '/tokens/user',
    route(async (req, res) => {
      const body = parse(userTokenSchema, req.body);
      const tenant = tenantOf(body.tenant);
      const user = world.findUser(tenant, body.upn);
      if (!user) throw new ControlError(404, `no user '${body.upn}' in tenant ${tenant.id}`);
      const quorum = appOf(ctx.quorumApp.clientId);
      const requested =
        body.scopes === undefined
          ? ['access_as_user']
          : typeof body.scopes === 'string'
            ? body.scopes.split(/\s+/).filter(Boolean)
            : body.scopes;
      // Bare values of Quorum's own API (`access_as_user`) mean Quorum's API, as in the Teams SSO token.
      const qualified = requested.map((s) =>
        !s.includes('/') && quorum.apiScopes.some((x) => x.value === s)
          ? `${quorum.appId}/${s}`
          : s,
      );
      const { minted, scopeValues } = await mintUserAccessToken(ctx, {
        tenant,
        user,
        clientId: (body.clientId ?? quorum.appId).toLowerCase(),
        acr: '0',
        scopes: parseScopes(world, qualified.join(' ')),
        spa: false,
        lifetimeSeconds: body.expiresInSeconds,
        audience: body.audience,
      });
      res.json({
        token_type: 'Bearer',
        access_token: minted.token,
        expires_in: minted.expiresIn,
        scope: scopeValues.join(' '),
      });
    }),
  );

  router.post(
    '/apps/:appId/secrets',
    route((req, res) => {
      const app = appOf(String(req.params.appId));
      const secret = newSecret(ctx, parse(secretSchema, req.body));
      app.secrets.push(secret);
      res.status(201).json({ ...secret, secretText: secret.value });
    }),
  );
  router.post(
    '/apps/:appId/secrets/:keyId/expire',
    route((req, res) => {
      const app = appOf(String(req.params.appId));
      const secret = app.secrets.find((s) => s.keyId === req.params.keyId);
      if (!secret)
        throw new ControlError(404, `app ${app.appId} has no secret '${req.params.keyId}'`);
      secret.endDateTime = new Date(ctx.now() - 1000).toISOString();
      if (Date.parse(secret.startDateTime) > Date.parse(secret.endDateTime)) {
        secret.startDateTime = new Date(ctx.now() - 2000).toISOString();
      }
      res.json({ keyId: secret.keyId, endDateTime: secret.endDateTime });
    }),
  );
  router.delete(
    '/apps/:appId/secrets/:keyId',
    route((req, res) => {
      const app = appOf(String(req.params.appId));
      const index = app.secrets.findIndex((s) => s.keyId === req.params.keyId);
      if (index < 0)
        throw new ControlError(404, `app ${app.appId} has no secret '${req.params.keyId}'`);
      app.secrets.splice(index, 1);
      res.status(204).end();
    }),
  );

  router.post(
    '/apps/:appId/certificates',
    route((req, res) => {
      const app = appOf(String(req.params.appId));
      const { certPem } = parse(certificateSchema, req.body);
      let credential;
      try {
        credential = certificateCredential(certPem);
      } catch (err) {
        throw new ControlError(400, (err as Error).message);
      }
      if (app.certificates.some((c) => c.thumbprintSha256 === credential.thumbprintSha256)) {
        throw new ControlError(400, 'this certificate is already registered on the app');
      }
      app.certificates.push(credential);
      res.status(201).json({
        keyId: credential.keyId,
        thumbprint: hexThumbprint(credential.thumbprintSha1),
        thumbprintSha256: hexThumbprint(credential.thumbprintSha256),
        startDateTime: credential.startDateTime,
        endDateTime: credential.endDateTime,
      });
    }),
  );
  router.delete(
    '/apps/:appId/certificates/:keyId',
    route((req, res) => {
      const app = appOf(String(req.params.appId));
      const index = app.certificates.findIndex((c) => c.keyId === req.params.keyId);
      if (index < 0) {
        throw new ControlError(404, `app ${app.appId} has no certificate '${req.params.keyId}'`);
      }
      app.certificates.splice(index, 1);
      res.status(204).end();
    }),
  );

  router.patch(
    '/apps/:appId',
    route((req, res) => {
      const app = appOf(String(req.params.appId));
      const body = parse(appPatchSchema, req.body);
      if (body.disabled !== undefined) app.disabled = body.disabled;
      res.json({ appId: app.appId, disabled: app.disabled === true });
    }),
  );

  router.post(
    '/apps',
    route((req, res) => {
      const body = parse(byoAppSchema, req.body);
      const tenant = tenantOf(body.tenant);
      const quorum = appOf(ctx.quorumApp.clientId);
      const secret = newSecret(ctx, {
        expiresInDays: body.secretExpiresInDays,
        displayName: 'Quorum',
      });
      const app: AppRegistration = {
        appId: randomUUID(),
        objectId: randomUUID(),
        displayName: body.displayName,
        homeTenantId: tenant.id,
        signInAudience: 'AzureADMyOrg',
        identifierUris: [],
        redirectUris: body.redirectUris,
        spaRedirectUris: [],
        delegatedGraphScopes: [],
        requiredAppRoles: body.requiredAppRoles ?? [...quorum.requiredAppRoles],
        apiScopes: [],
        preAuthorizedClientIds: [],
        accessTokenVersion: 2,
        emitsWids: false,
        secrets: [secret],
        certificates: [],
      };
      world.registerApp(app);
      // An admin creating their own registration grants its permissions in the same sitting.
      const sp = body.grantConsent
        ? world.grantAdminConsent(tenant, app, app.requiredAppRoles)
        : world.servicePrincipal(tenant, app.appId);
      res.status(201).json({
        appId: app.appId,
        objectId: app.objectId,
        tenantId: tenant.id,
        servicePrincipalId: sp?.id,
        roles: sp?.grantedAppRoles ?? [],
        clientSecret: secret.value,
        secretKeyId: secret.keyId,
        secretExpiresAt: secret.endDateTime,
      });
    }),
  );

  router.post(
    '/tenants/:tenant/consent',
    route((req, res) => {
      const tenant = tenantOf(String(req.params.tenant));
      const body = parse(consentSchema, req.body);
      const app = appOf(body.appId);
      const sp = world.grantAdminConsent(tenant, app, body.roles ?? app.requiredAppRoles);
      res.status(201).json({
        tenantId: tenant.id,
        appId: app.appId,
        servicePrincipalId: sp.id,
        roles: sp.grantedAppRoles,
      });
    }),
  );
  router.delete(
    '/tenants/:tenant/consent/:appId',
    route((req, res) => {
      const tenant = tenantOf(String(req.params.tenant));
      if (!world.revokeConsent(tenant, String(req.params.appId))) {
        throw new ControlError(
          404,
          `app '${req.params.appId}' has no service principal in ${tenant.id}`,
        );
      }
      res.status(204).end();
    }),
  );

  router.post(
    '/keys/rotate',
    route(async (_req, res) => {
      await ctx.keys.rotate();
      res.json({ kid: ctx.keys.currentKid, keys: ctx.keys.jwks().keys.map((k) => k.kid) });
    }),
  );

  router.post(
    '/faults/token',
    route((req, res) => {
      const body = parse(faultSchema, req.body);
      const defaults = defaultFaultFor(body.status);
      injectTokenFault(ctx, {
        status: body.status,
        count: body.count,
        retryAfter: body.retryAfter,
        error: body.error ?? defaults.error,
        code: body.code ?? defaults.code,
        description: body.description ?? defaults.description,
      });
      res
        .status(201)
        .json({ pending: entraState(ctx).faults.reduce((n, f) => n + f.remaining, 0) });
    }),
  );
  router.delete(
    '/faults/token',
    route((_req, res) => {
      entraState(ctx).faults.length = 0;
      res.status(204).end();
    }),
  );

  router.get(
    '/state',
    route((_req, res) => {
      res.json(entraStateSummary(ctx));
    }),
  );

  return router;
}
