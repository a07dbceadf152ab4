// Org events (DESIGN J5, §4), for the org's admins: send from the service mailbox to a group,
// everyone or a list (queued under Exchange's sending limits, with the expected completion), change
// and cancel for every invitee, and read the answers (and Teams attendance) as they come in.
import type { RouteModule } from '../../app.js';
import { membershipOf, requireMembership, requireOrgAdmin } from '../../domain/membership.js';
import { orgEventsRuntime } from '../../scheduling/org-events/runtime.js';
import {
  CancelOrgEventBody,
  CreateOrgEventBody,
  OrgEventListSchema,
  OrgEventParams,
  OrgEventSchema,
  UpdateOrgEventBody,
} from '../../scheduling/org-events/schemas.js';
import type { ErrorCode } from '../errors.js';
import { validate } from '../validate.js';
import { membershipDepsOf } from './membership-deps.js';

function json(schema: unknown, description: string) {
  return { description, content: { 'application/json': { schema: schema as never } } };
}

const ADMIN: ErrorCode[] = ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED', 'ERR_VALIDATION'];

export const orgEventRoutes: RouteModule = ({ router, api, deps }) => {
  const events = orgEventsRuntime(deps);
  const admin = [requireMembership(membershipDepsOf(deps)), requireOrgAdmin()];
  const tags = ['Org events'];

  const create = validate({ body: CreateOrgEventBody });
  api.route({
    method: 'post',
    path: '/api/org/events',
    summary:
      'Send an org event (admins) from the service mailbox; queued under Exchange sending limits',
    tags,
    request: { body: { content: { 'application/json': { schema: CreateOrgEventBody } } } },
    errors: [
      ...ADMIN,
      'ERR_SERVICE_MAILBOX_MISSING',
      'ERR_SERVICE_MAILBOX_UNAVAILABLE',
      'ERR_ORG_EVENT_AUDIENCE_EMPTY',
      'ERR_ORG_EVENT_AUDIENCE_TOO_LARGE',
      'ERR_ORG_EVENT_GROUP_NOT_FOUND',
      'ERR_ORG_EVENT_PERMISSION',
      'ERR_ORG_EVENT_TEMPORARILY_UNAVAILABLE',
    ],
    responses: {
      202: json(OrgEventSchema, 'Accepted: queued, `delivery.expectedCompletionAt` says when done'),
    },
  });
  router.post('/api/org/events', ...admin, create, async (_req, res) => {
    const view = await events.create(membershipOf(res), create.get(res).body);
    res.status(202).location(`/api/org/events/${view.id}`).json(view);
  });

  api.route({
    method: 'get',
    path: '/api/org/events',
    summary: 'Org events (admins), newest first, with delivery and RSVP counts',
    tags,
    errors: ADMIN,
    responses: { 200: json(OrgEventListSchema, 'The org events') },
  });
  router.get('/api/org/events', ...admin, async (_req, res) => {
    res.json({ events: await events.list(membershipOf(res)) });
  });

  const one = validate({ params: OrgEventParams });
  api.route({
    method: 'get',
    path: '/api/org/events/:id',
    summary: 'One org event (admins): RSVP counts and every answer, delivery, Teams attendance',
    tags,
    request: { params: OrgEventParams },
    errors: [...ADMIN, 'ERR_ORG_EVENT_NOT_FOUND'],
    responses: { 200: json(OrgEventSchema, 'The org event') },
  });
  router.get('/api/org/events/:id', ...admin, one, async (_req, res) => {
    res.json(await events.get(membershipOf(res), one.get(res).params.id));
  });

  const change = validate({ params: OrgEventParams, body: UpdateOrgEventBody });
  api.route({
    method: 'patch',
    path: '/api/org/events/:id',
    summary: 'Change subject, body or time (admins); every invitee gets the update',
    tags,
    request: {
      params: OrgEventParams,
      body: { content: { 'application/json': { schema: UpdateOrgEventBody } } },
    },
    errors: [...ADMIN, 'ERR_ORG_EVENT_NOT_FOUND', 'ERR_ORG_EVENT_CANCELLED'],
    responses: { 202: json(OrgEventSchema, 'Accepted: the updates are queued') },
  });
  router.patch('/api/org/events/:id', ...admin, change, async (_req, res) => {
    const { params, body } = change.get(res);
    res.status(202).json(await events.update(membershipOf(res), params.id, body));
  });

  const cancel = validate({ params: OrgEventParams, body: CancelOrgEventBody });
  api.route({
    method: 'post',
    path: '/api/org/events/:id/cancel',
    summary: 'Cancel (admins); every invitee gets the cancellation, unsent parts never go',
    tags,
    request: {
      params: OrgEventParams,
      body: { content: { 'application/json': { schema: CancelOrgEventBody } } },
    },
    errors: [...ADMIN, 'ERR_ORG_EVENT_NOT_FOUND', 'ERR_ORG_EVENT_CANCELLED'],
    responses: { 202: json(OrgEventSchema, 'Accepted: the cancellations are queued') },
  });
  router.post('/api/org/events/:id/cancel', ...admin, cancel, async (_req, res) => {
    const { params, body } = cancel.get(res);
    res.status(202).json(await events.cancel(membershipOf(res), params.id, body.comment));
  });
};
