// Personal calendar connections (DESIGN J3): start a delegated sign-in, land its redirect, remove one.
// The redirect is a browser navigation without a bearer token: the signed, single-use state alone
// says which member started it.
import type { RouteModule } from '../../app.js';
import { membershipOf, requireMembership } from '../../domain/membership.js';
import {
  MAX_PERSONAL_CALENDARS,
  PERSONAL_CALLBACK_PATH,
} from '../../personal/personal-calendars.js';
import { renderResultPage, RESULT_PAGE_OPENER_POLICY } from '../../personal/result-page.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';

const ConnectLinkSchema = z
  .object({
    url: z
      .string()
      .openapi({ description: 'Open in a popup (Teams: authentication.authenticate).' }),
    expiresAt: z.string(),
  })
  .openapi('PersonalCalendarConnectLink');

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Each callback parameter at most once and bounded; anything else in the query is ignored. */
const CallbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(4096).optional(),
});

export const personalCalendarRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const personal = services.personalCalendars;
  const membership = requireMembership(membershipDepsOf(deps));
  const publicOrigin = new URL(deps.config.publicUrl).origin;

  const connectInput = validate({ body: z.object({}).strict() });
  api.route({
    method: 'post',
    path: '/api/me/personal-calendars/connect',
    summary: 'Start connecting a personal calendar of any work account (delegated OAuth + PKCE)',
    tags: ['Me'],
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_VALIDATION', 'ERR_PERSONAL_CALENDAR_LIMIT'],
    responses: {
      200: {
        description: 'The sign-in URL, valid for 10 minutes, usable once',
        content: { 'application/json': { schema: ConnectLinkSchema } },
      },
    },
  });
  router.post('/api/me/personal-calendars/connect', membership, connectInput, async (_req, res) => {
    const { org, member } = membershipOf(res);
    if (member.personalCalendars.length >= MAX_PERSONAL_CALENDARS) {
      throw new AppError('ERR_PERSONAL_CALENDAR_LIMIT');
    }
    res.set('Cache-Control', 'no-store').json(await personal.startConnect(org.id, member.id));
  });

  const removeInput = validate({ params: IdParamsSchema });
  api.route({
    method: 'delete',
    path: '/api/me/personal-calendars/:id',
    summary: 'Remove a personal calendar connection and its stored refresh token',
    tags: ['Me'],
    request: { params: IdParamsSchema },
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_VALIDATION', 'ERR_NOT_FOUND'],
    responses: { 204: { description: 'Removed' } },
  });
  router.delete('/api/me/personal-calendars/:id', membership, removeInput, async (_req, res) => {
    const { org, member } = membershipOf(res);
    const { id } = removeInput.get(res).params;
    if (!(await personal.remove(org.id, member.id, id))) {
      throw new AppError('ERR_NOT_FOUND', {
        detail: 'You have no personal calendar with this id.',
      });
    }
    res.status(204).end();
  });

  api.route({
    method: 'get',
    path: PERSONAL_CALLBACK_PATH,
    summary: 'Redirect target of the personal-calendar sign-in; answers a small HTML page',
    tags: ['Me'],
    auth: false,
    request: { query: CallbackQuerySchema },
    responses: {
      200: { description: 'Connected', content: { 'text/html': { schema: z.string() } } },
      400: { description: 'Forged, expired or used state, or sign-in declined (HTML)' },
      502: {
        description: 'Microsoft did not complete the sign-in, or the calendar is unreadable (HTML)',
      },
    },
  });
  router.get(PERSONAL_CALLBACK_PATH, async (req, res) => {
    const parsed = CallbackQuerySchema.safeParse(req.query);
    const outcome = parsed.success
      ? await personal.completeConnect(parsed.data)
      : ({
          ok: false,
          problem: 'state_invalid',
          detail: 'The sign-in answer is malformed.',
        } as const);
    const page = renderResultPage(outcome, publicOrigin);
    res
      .status(page.status)
      .set({
        'Content-Security-Policy': page.csp,
        'Cache-Control': 'no-store',
        ...RESULT_PAGE_OPENER_POLICY,
      })
      .type('html')
      .send(page.html);
  });
};
