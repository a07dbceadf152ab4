// Control API (`/_emulator/...`) for the Graph side of the world: latency, faults and throttling
// limits; directory changes (licence, account, access scope, Teams, deletion) recorded for delta;
// Exchange RBAC for Applications assignments; new users and generated tenants; attendees and room delegates answering; request statistics.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { defaultFault } from '../graph/faults.js';
import { respondAsAttendee } from '../graph/invitations.js';
import { createAttendanceControls } from '../graph/attendance-control.js';
import { graphState } from '../graph/state.js';
import { createSubscriptionControls } from '../graph/subscriptions-control.js';
import { generateTenant } from '../world/generate.js';
import { expandTenantScenario, Skus, tenantScenarioSchema } from '../world/scenario.js';
import type { Tenant, User } from '../world/types.js';

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly error: 'not_found' | 'bad_request' | 'conflict',
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
    throw new ControlError(400, 'bad_request', `${where}${issue?.message ?? 'invalid body'}`);
  }
  return result.data;
}

function pattern(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, 'i');
  } catch {
    throw new ControlError(400, 'bad_request', `pathPattern: not a regular expression: ${source}`);
  }
}

const latencySchema = z.object({
  ms: z.number().int().min(0),
  jitterMs: z.number().int().min(0).default(0),
  /** A regular expression tested against the path after `/v1.0` (e.g. `/users/[^/]+/calendar`). */
  pathPattern: z.string().optional(),
});

const faultSchema = z
  .object({
    status: z.number().int().min(400).max(599),
    code: z.string().optional(),
    message: z.string().optional(),
    count: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    pathPattern: z.string().optional(),
    retryAfter: z.number().int().min(0).optional(),
  })
  .refine((f) => (f.count === undefined) !== (f.rate === undefined), {
    message: 'give either count (one-off faults) or rate (random faults)',
  });

const connectionFaultSchema = z
  .object({
    /** `reset`: socket destroyed at once; `drop`: held `delayMs`, then destroyed; `slow`: answered after `delayMs`. */
    kind: z.enum(['reset', 'drop', 'slow']),
    delayMs: z.number().int().min(0).max(120_000).default(0),
    count: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    pathPattern: z.string().optional(),
  })
  .refine((f) => (f.count === undefined) !== (f.rate === undefined), {
    message: 'give either count (one-off faults) or rate (random faults)',
  });

const throttlingSchema = z.object({
  mailboxConcurrency: z.number().int().positive().optional(),
  mailboxRequestsPerWindow: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
});

const userPatchSchema = z.object({
  licensed: z.boolean().optional(),
  accountEnabled: z.boolean().optional(),
  access: z.enum(['full', 'denied', 'settingsOnly']).optional(),
  teamsEnabled: z.boolean().optional(),
  /** Soft delete (`@removed.reason: changed` in delta); `false` restores. */
  deleted: z.boolean().optional(),
  /** Permanent deletion (`@removed.reason: deleted`). */
  purged: z.literal(true).optional(),
  onPremises: z.boolean().optional(),
  displayName: z.string().min(1).optional(),
  jobTitle: z.string().optional(),
  timeZone: z.string().optional(),
  automaticReplies: z
    .object({
      status: z.enum(['disabled', 'alwaysEnabled', 'scheduled']),
      internalReplyMessage: z.string().optional(),
      externalReplyMessage: z.string().optional(),
    })
    .optional(),
});

const rbacSchema = z.object({
  /** Outlook permissions Exchange grants the app (`[]` removes the assignment). */
  roles: z.array(z.string().min(1)),
});

const respondSchema = z.object({
  attendee: z.string().min(1),
  response: z.enum(['accepted', 'tentativelyAccepted', 'declined']),
});

const generateSchema = z.object({
  tenantId: z.string().uuid().optional(),
  domain: z.string().min(3),
  count: z.number().int().min(1).max(500_000),
  displayName: z.string().optional(),
  seed: z.number().int().optional(),
  /** Grant Quorum's app admin consent in the new tenant (default true). */
  consent: z.boolean().default(true),
});

/** Routes of the Graph control API; mounted at `/_emulator` after `express.json()`. */
export function createGraphControls(ctx: EmulatorContext): Router {
  const router = Router();
  const state = graphState(ctx);
  const { world } = ctx;

  const tenantOf = (name: string): Tenant => {
    const tenant = world.findTenant(name);
    if (!tenant) throw new ControlError(404, 'not_found', `no tenant '${name}'`);
    return tenant;
  };
  // Deleted users too, so they can be restored.
  const userOf = (tenant: Tenant, idOrUpn: string): User => {
    const key = idOrUpn.toLowerCase();
    const user = tenant.users.find(
      (u) => u.id === key || u.userPrincipalName.toLowerCase() === key,
    );
    if (!user)
      throw new ControlError(404, 'not_found', `no user '${idOrUpn}' in ${tenant.displayName}`);
    return user;
  };
  const route =
    (fn: (req: Request, res: Response) => void) =>
    (req: Request, res: Response, next: NextFunction) => {
      try {
        fn(req, res);
      } catch (err) {
        if (err instanceof ControlError)
          res.status(err.status).json({ error: err.error, message: err.message });
        else next(err);
      }
    };

  router.post(
    '/latency',
    route((req, res) => {
      const body = parse(latencySchema, req.body);
      state.faults.setLatency({
        ms: body.ms,
        jitterMs: body.jitterMs,
        pattern: pattern(body.pathPattern),
      });
      res.status(204).end();
    }),
  );
  router.delete(
    '/latency',
    route((_req, res) => {
      state.faults.clearLatency();
      res.status(204).end();
    }),
  );

  router.post(
    '/faults',
    route((req, res) => {
      const body = parse(faultSchema, req.body);
      const [code, message] = defaultFault(body.status);
      state.faults.addFault({
        status: body.status,
        code: body.code ?? code,
        message: body.message ?? message,
        // 429s from Graph always carry Retry-After.
        retryAfter: body.retryAfter ?? (body.status === 429 ? 1 : undefined),
        pattern: pattern(body.pathPattern),
        remaining: body.count,
        rate: body.rate,
      });
      res.status(204).end();
    }),
  );
  router.post(
    '/faults/connection',
    route((req, res) => {
      const body = parse(connectionFaultSchema, req.body);
      state.faults.addConnectionFault({
        kind: body.kind,
        delayMs: body.delayMs,
        pattern: pattern(body.pathPattern),
        remaining: body.count,
        rate: body.rate,
      });
      res.status(204).end();
    }),
  );
  router.get(
    '/faults',
    route((_req, res) => {
      res.json({ pending: state.faults.pending(), injected: state.faults.injected() });
    }),
  );
  router.delete(
    '/faults',
    route((_req, res) => {
      state.faults.clearFaults();
      res.status(204).end();
    }),
  );
  router.delete(
    '/faults/injected',
    route((_req, res) => {
      state.faults.resetCounts();
      res.status(204).end();
    }),
  );

  router.post(
    '/throttling',
    route((req, res) => {
      const body = parse(throttlingSchema, req.body);
      const limits = state.throttle.limits;
      limits.mailboxConcurrency = body.mailboxConcurrency ?? limits.mailboxConcurrency;
      limits.mailboxRequestsPerWindow =
        body.mailboxRequestsPerWindow ?? limits.mailboxRequestsPerWindow;
      limits.windowMs = body.windowMs ?? limits.windowMs;
      limits.concurrencyRetryAfterS = body.retryAfterSeconds ?? limits.concurrencyRetryAfterS;
      res.json({ ...limits });
    }),
  );
  router.delete(
    '/throttling',
    route((_req, res) => {
      state.throttle.reset();
      res.status(204).end();
    }),
  );

  router.patch(
    '/tenants/:tenant/users/:user',
    route((req, res) => {
      const tenant = tenantOf(String(req.params.tenant));
      const user = userOf(tenant, String(req.params.user));
      const body = parse(userPatchSchema, req.body);
      if (body.licensed !== undefined) {
        user.assignedLicenses = body.licensed ? [{ skuId: Skus.e3, disabledPlans: [] }] : [];
      }
      if (body.accountEnabled !== undefined) user.accountEnabled = body.accountEnabled;
      if (body.access !== undefined) user.mailbox.access = body.access;
      if (body.teamsEnabled !== undefined) user.mailbox.teamsEnabled = body.teamsEnabled;
      if (body.onPremises !== undefined) user.mailbox.onPremises = body.onPremises;
      if (body.displayName !== undefined) user.displayName = body.displayName;
      if (body.jobTitle !== undefined) user.jobTitle = body.jobTitle;
      if (body.timeZone !== undefined) {
        user.mailbox.timeZone = body.timeZone;
        user.mailbox.workingHours = { ...user.mailbox.workingHours, timeZone: body.timeZone };
      }
      if (body.automaticReplies !== undefined)
        user.mailbox.automaticReplies = body.automaticReplies;
      if (body.deleted !== undefined) user.deleted = body.deleted;
      if (body.purged) {
        user.deleted = true;
        tenant.users.splice(tenant.users.indexOf(user), 1);
      }
      world.touchUser(tenant, user);
      res.json(user);
    }),
  );

  router.post(
    '/tenants/:tenant/rbac/:appId',
    route((req, res) => {
      const tenant = tenantOf(String(req.params.tenant));
      const appId = String(req.params.appId).toLowerCase();
      const { roles } = parse(rbacSchema, req.body);
      tenant.rbacAppRoles ??= {};
      if (roles.length === 0) delete tenant.rbacAppRoles[appId];
      else tenant.rbacAppRoles[appId] = [...roles];
      res.json({ tenantId: tenant.id, appId, roles });
    }),
  );

  router.post(
    '/tenants/:tenant/users',
    route((req, res) => {
      const tenant = tenantOf(String(req.params.tenant));
      const spec = parse(tenantScenarioSchema.shape.users.element, req.body);
      const { tenant: expanded } = expandTenantScenario({
        tenant: {
          id: tenant.id,
          displayName: tenant.displayName,
          domains: tenant.domains,
          defaultDomain: tenant.defaultDomain,
        },
        users: [spec],
      });
      const user = expanded.users[0] as User;
      if (
        tenant.users.some((u) => u.userPrincipalName === user.userPrincipalName || u.id === user.id)
      ) {
        throw new ControlError(409, 'conflict', `user ${user.userPrincipalName} already exists`);
      }
      world.upsertUser(tenant, user);
      res.status(201).json(user);
    }),
  );

  router.post(
    '/tenants/:tenant/events/:eventId/respond',
    route((req, res) => {
      const tenant = tenantOf(String(req.params.tenant));
      const body = parse(respondSchema, req.body);
      const event = state.store.findEventInTenant(tenant.id, String(req.params.eventId));
      if (!event || !event.isOrganizer) {
        throw new ControlError(
          404,
          'not_found',
          `no organizer event '${String(req.params.eventId)}'`,
        );
      }
      if (!respondAsAttendee(state, event, body.attendee, body.response)) {
        throw new ControlError(404, 'not_found', `${body.attendee} is not an attendee`);
      }
      res.json({ attendees: event.attendees });
    }),
  );

  router.post(
    '/tenants/generate',
    route((req, res) => {
      const body = parse(generateSchema, req.body);
      const tenant = generateTenant(body);
      if (world.findTenant(tenant.id) || world.findTenant(tenant.defaultDomain)) {
        throw new ControlError(409, 'conflict', `tenant ${tenant.defaultDomain} already exists`);
      }
      world.addTenant(tenant);
      const app = world.findApp(ctx.quorumApp.clientId);
      if (body.consent && app) world.grantAdminConsent(tenant, app);
      res.status(201).json({
        tenantId: tenant.id,
        domain: tenant.defaultDomain,
        domains: tenant.domains,
        users: tenant.users.length,
        rooms: tenant.users.filter((u) => u.mailbox.kind === 'room').length,
      });
    }),
  );

  router.use(createSubscriptionControls(ctx));
  router.use(createAttendanceControls(ctx));

  router.get(
    '/stats',
    route((_req, res) => {
      res.json(state.stats.read());
    }),
  );
  router.delete(
    '/stats',
    route((_req, res) => {
      state.stats.reset();
      res.status(204).end();
    }),
  );

  return router;
}
