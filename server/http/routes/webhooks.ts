// Microsoft Graph's change and lifecycle notifications (DESIGN §4, graph-facts §7). Outside `/api`, so
// no bearer token: each item proves itself by its clientState, checked in constant time. Graph's
// validation handshake is echoed as text/plain; notifications are answered 202 at once and handled
// in the background (no Graph call before answering). Items that fail the check are dropped and
// logged, yet still answered 202 — Microsoft's guidance is to acknowledge, then discard what does not
// verify; a 4xx would only tell a forger which guesses came close, and make Graph retry good items
// batched with a bad one.
import type { Request, RequestHandler, Response } from 'express';
import type { RouteModule } from '../../app.js';
import { NotificationBody } from '../../notifications/notification-check.js';
import { notificationsRuntime, type ReceiveResult } from '../../notifications/runtime.js';
import { AppError } from '../errors.js';
import { z } from '../zod.js';

/** Graph's tokens are short opaque strings; anything longer is not a handshake. */
const MAX_TOKEN_LENGTH = 4_096;

const NotificationsSchema = z
  .object({ value: z.array(z.record(z.string(), z.unknown())).max(1_000) })
  .openapi('GraphNotifications', {
    description:
      'Graph notification items (`subscriptionId`, `tenantId`, `clientState`, then `changeType`, `resource`, `resourceData` — or `lifecycleEvent`).',
  });

/** Answers Graph's validation handshake, if this is one: 200, text/plain, the decoded token. */
function answeredHandshake(req: Request, res: Response): boolean {
  const token = req.query.validationToken;
  if (token === undefined) return false;
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw new AppError('ERR_VALIDATION', {
      detail: 'validationToken must be one non-empty string.',
      errors: [{ in: 'query', path: 'validationToken', message: 'Invalid validation token' }],
    });
  }
  res.status(200).type('text/plain').send(token);
  return true;
}

function receiver(
  receive: (items: readonly unknown[], requestId: string | undefined) => Promise<ReceiveResult>,
): RequestHandler {
  return async (req, res) => {
    if (answeredHandshake(req, res)) return;
    const parsed = NotificationBody.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError('ERR_VALIDATION', {
        detail: 'A Graph notification body is `{"value": [...]}`.',
        errors: [{ in: 'body', path: 'value', message: 'Expected an array of notifications' }],
      });
    }
    await receive(parsed.data.value, res.locals.requestId as string | undefined);
    res.status(202).end();
  };
}

export const webhookRoutes: RouteModule = ({ router, api, deps }) => {
  const notifications = notificationsRuntime(deps);

  for (const [path, summary] of [
    ['/webhooks/graph', 'Graph change notifications (and their validation handshake)'],
    ['/webhooks/graph/lifecycle', 'Graph lifecycle notifications (and their validation handshake)'],
  ] as const) {
    api.route({
      method: 'post',
      path,
      summary,
      tags: ['Webhooks'],
      auth: false,
      request: {
        query: z.object({
          validationToken: z.string().optional().openapi({
            description: 'Present on the handshake only: answered 200 text/plain with its value.',
          }),
        }),
        body: { content: { 'application/json': { schema: NotificationsSchema } } },
      },
      errors: ['ERR_VALIDATION'],
      responses: {
        200: {
          description: 'Validation handshake: the decoded token',
          content: { 'text/plain': { schema: z.string() } },
        },
        202: {
          description:
            'Accepted; verified items are processed in the background, the others dropped and logged',
        },
      },
    });
  }

  router.post(
    '/webhooks/graph',
    receiver((items, requestId) => notifications.receiveChanges(items, requestId)),
  );
  router.post(
    '/webhooks/graph/lifecycle',
    receiver((items, requestId) => notifications.receiveLifecycle(items, requestId)),
  );
};
