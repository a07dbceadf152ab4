// `/subscriptions` (graph-facts §7.1–§7.3): create with the validation handshake, list, get, renew
// (PATCH), delete and reauthorize, for Outlook event resources (`/users/{id}/events`). Each app sees
// only its own subscriptions in its own tenant; the 1,000-per-mailbox limit counts every app's.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GraphErrors, GraphHttpError } from './errors.js';
import { odataContext } from './odata.js';
import { checkAccess, hasCloudMailbox } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { subscriptionsOf } from './subscriptions-delivery.js';
import {
  emptyStats,
  shapeSubscription,
  type ChangeType,
  type StoredSubscription,
} from './subscriptions-model.js';

/** Creating a subscription needs read access to the resource; write scopes also carry it. */
const access = {
  family: 'outlook',
  anyOf: ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared'],
} as const;

const CLIENT_STATE_MAX = 128;

const invalid = (message: string) => new GraphHttpError(400, 'InvalidRequest', message);

/** [U] wording: Exchange's own message travels inside an ExtensionError (graph-facts §6.3). */
const extensionError = (status: number, reason: string, operation: 'Create' | 'Update') =>
  new GraphHttpError(
    status,
    'ExtensionError',
    `Operation: ${operation}; Exception: [Status Code: ${status === 404 ? 'NotFound' : 'Forbidden'}; Reason: ${reason}]`,
  );

const validationFailed = () =>
  invalid(
    'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
  );

const notFound = (id: string) =>
  new GraphHttpError(404, 'ResourceNotFound', `Subscription '${id}' does not exist.`);

const createBody = z.looseObject({
  changeType: z.string(),
  notificationUrl: z.string(),
  lifecycleNotificationUrl: z.string().nullable().optional(),
  resource: z.string(),
  expirationDateTime: z.string(),
  clientState: z.string().nullable().optional(),
  latestSupportedTlsVersion: z.string().optional(),
  includeResourceData: z.boolean().optional(),
});

const patchBody = z.looseObject({
  expirationDateTime: z.string().optional(),
  notificationUrl: z.string().optional(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalid(`Invalid value for '${issue?.path.join('.') ?? 'body'}'.`);
}

function changeTypes(raw: string): ChangeType[] {
  const parts = raw.split(',').map((p) => p.trim());
  const valid = ['created', 'updated', 'deleted'];
  if (parts.length === 0 || parts.some((p) => !valid.includes(p))) {
    throw invalid(`'${raw}' is not a valid changeType; use created, updated and/or deleted.`);
  }
  return [...new Set(parts)] as ChangeType[];
}

/** [U] wording: Graph refuses notification URLs that are not HTTPS. */
function httpsUrl(raw: string, property: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`The ${property} is not a valid absolute URL.`);
  }
  if (url.protocol !== 'https:') throw invalid(`The ${property} must use the https scheme.`);
  return raw;
}

/** The requested expiry, raised to the minimum; beyond the cap the request fails. */
function expiry(call: Call, raw: string): number {
  const { settings } = subscriptionsOf(call.state).registry;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw invalid(`'${raw}' is not a valid expirationDateTime.`);
  const now = call.ctx.now();
  if (at <= now) throw invalid('Subscription expiration must be in the future.');
  if (at > now + settings.maxExpirationMinutes * 60_000) {
    // [U] Graph's wording for an expiration beyond the resource's maximum.
    throw invalid(
      `Subscription expiration can only be ${settings.maxExpirationMinutes} minutes in the future.`,
    );
  }
  return Math.max(at, now + settings.minExpirationMinutes * 60_000);
}

/** The mailbox owner of `/users/{id}/events` (or `/me/events` for delegated callers). */
function resourceUser(call: Call, resource: string) {
  const match = /^\/?(?:users\/([^/]+)|me)\/events\/?$/i.exec(resource.trim());
  if (!match) {
    throw invalid(`Resource '${resource}' is not supported: subscribe to /users/{id}/events.`);
  }
  let idOrUpn = match[1] ? decodeURIComponent(match[1]) : undefined;
  if (idOrUpn === undefined) {
    if (call.caller.isApp || !call.caller.userId) throw GraphErrors.meNeedsDelegated();
    idOrUpn = call.caller.userId;
  }
  const user = call.ctx.world.findUser(call.caller.tenant, idOrUpn);
  if (!user) throw extensionError(404, `The user '${idOrUpn}' was not found.`, 'Create');
  if (!hasCloudMailbox(user)) {
    throw extensionError(404, 'REST API is not yet supported for this mailbox.', 'Create');
  }
  if (user.mailbox.access !== 'full') {
    throw extensionError(403, 'Access to OData is disabled.', 'Create');
  }
  return user;
}

function own(call: Call): StoredSubscription {
  const id = call.params.subscription ?? '';
  const sub = subscriptionsOf(call.state).registry.get(id);
  if (!sub || sub.tenantId !== call.caller.tenant.id || sub.appId !== call.caller.appId) {
    throw notFound(id);
  }
  return sub;
}

function entity(call: Call, sub: StoredSubscription): Record<string, unknown> {
  return {
    '@odata.context': odataContext(call, 'subscriptions/$entity'),
    ...shapeSubscription(sub),
  };
}

/** `POST /subscriptions` */
async function create(call: Call): Promise<GraphResponse> {
  checkAccess(access, call.caller);
  const body = parseBody(createBody, call.req.body);
  if (body.includeResourceData) {
    throw invalid('includeResourceData needs an encryptionCertificate; it is not supported here.');
  }
  const types = changeTypes(body.changeType);
  const notificationUrl = httpsUrl(body.notificationUrl, 'notificationUrl');
  const lifecycleUrl =
    body.lifecycleNotificationUrl == null
      ? null
      : httpsUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
  if ((body.clientState ?? '').length > CLIENT_STATE_MAX) {
    throw invalid(`clientState must be at most ${CLIENT_STATE_MAX} characters.`);
  }
  const expiresAt = expiry(call, body.expirationDateTime);
  const user = resourceUser(call, body.resource);
  const { registry, delivery } = subscriptionsOf(call.state);
  if (
    registry.forMailbox(call.caller.tenant.id, user.id).length >= registry.settings.maxPerMailbox
  ) {
    // [U] wording: Exchange's limit of active subscriptions per mailbox, all apps together.
    throw extensionError(
      403,
      `The maximum number of subscriptions (${registry.settings.maxPerMailbox}) for this mailbox has been reached.`,
      'Create',
    );
  }
  // Both URLs must answer the handshake before the subscription exists.
  if (!(await delivery.validate(notificationUrl))) throw validationFailed();
  if (lifecycleUrl && !(await delivery.validate(lifecycleUrl))) throw validationFailed();
  const caller = call.caller;
  const sub: StoredSubscription = {
    id: randomUUID(),
    tenantId: caller.tenant.id,
    appId: caller.appId,
    creatorId: caller.isApp
      ? (call.ctx.world.servicePrincipal(caller.tenant, caller.appId)?.id ?? caller.appId)
      : (caller.userId ?? ''),
    resource: body.resource,
    userId: user.id,
    changeTypes: types,
    notificationUrl,
    lifecycleNotificationUrl: lifecycleUrl,
    clientState: body.clientState ?? null,
    expiresAt,
    latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? 'v1_2',
    reauthorizationRequired: false,
    suspended: false,
    stats: emptyStats(),
  };
  registry.add(sub);
  return { status: 201, body: entity(call, sub) };
}

/** `GET /subscriptions` — the calling app's subscriptions in the tenant. */
function list(call: Call): GraphResponse {
  const { registry } = subscriptionsOf(call.state);
  const mine = registry.list(
    (s) => s.tenantId === call.caller.tenant.id && s.appId === call.caller.appId,
  );
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'subscriptions'),
      value: mine.map(shapeSubscription),
    },
  };
}

function get(call: Call): GraphResponse {
  return { status: 200, body: entity(call, own(call)) };
}

/** `PATCH /subscriptions/{id}` — renew (new expirationDateTime) or move the notification URL. */
async function patch(call: Call): Promise<GraphResponse> {
  const sub = own(call);
  checkAccess(access, call.caller);
  const body = parseBody(patchBody, call.req.body);
  const expiresAt =
    body.expirationDateTime === undefined ? undefined : expiry(call, body.expirationDateTime);
  if (body.notificationUrl !== undefined) {
    const url = httpsUrl(body.notificationUrl, 'notificationUrl');
    if (!(await subscriptionsOf(call.state).delivery.validate(url))) throw validationFailed();
    sub.notificationUrl = url;
  }
  if (expiresAt !== undefined) {
    sub.expiresAt = expiresAt;
    sub.reauthorizationRequired = false;
  }
  return { status: 200, body: entity(call, sub) };
}

function remove(call: Call): GraphResponse {
  const sub = own(call);
  subscriptionsOf(call.state).registry.remove(sub.id);
  return { status: 204 };
}

/** `POST /subscriptions/{id}/reauthorize` — answers an open reauthorization challenge (204). */
function reauthorize(call: Call): GraphResponse {
  const sub = own(call);
  checkAccess(access, call.caller);
  sub.reauthorizationRequired = false;
  return { status: 204 };
}

export const subscriptionRoutes: RouteDef[] = [
  { method: 'POST', pattern: '/subscriptions', handler: create },
  { method: 'GET', pattern: '/subscriptions', handler: list },
  { method: 'GET', pattern: '/subscriptions/:subscription', handler: get },
  { method: 'PATCH', pattern: '/subscriptions/:subscription', handler: patch },
  { method: 'DELETE', pattern: '/subscriptions/:subscription', handler: remove },
  {
    method: 'POST',
    pattern: '/subscriptions/:subscription/reauthorize',
    handler: reauthorize,
  },
];
