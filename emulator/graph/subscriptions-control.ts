// Control API for subscriptions (`/_emulator/subscriptions...`): settings (expiration cap, time scale,
// timeouts), every subscription with its delivery counters, lifecycle events on demand, and
// suspending a subscription so notifications are lost — what a `missed` event then reports.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { graphState } from './state.js';
import { subscriptionsOf } from './subscriptions-delivery.js';
import { graphInstant, type StoredSubscription } from './subscriptions-model.js';

const settingsSchema = z
  .object({
    maxExpirationMinutes: z.number().int().positive(),
    minExpirationMinutes: z.number().int().min(0),
    timeScale: z.number().positive(),
    retryWindowMinutes: z.number().positive(),
    deliveryTimeoutMs: z.number().int().positive(),
    validationTimeoutMs: z.number().int().positive(),
    batchDelayMs: z.number().int().min(0),
    maxBatchSize: z.number().int().positive(),
    maxPerMailbox: z.number().int().positive(),
  })
  .partial()
  .strict();

const lifecycleSchema = z.object({
  event: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']),
});

function view(sub: StoredSubscription) {
  return {
    id: sub.id,
    tenantId: sub.tenantId,
    appId: sub.appId,
    userId: sub.userId,
    resource: sub.resource,
    changeType: sub.changeTypes.join(','),
    notificationUrl: sub.notificationUrl,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl,
    expirationDateTime: graphInstant(sub.expiresAt),
    reauthorizationRequired: sub.reauthorizationRequired,
    suspended: sub.suspended,
    stats: { ...sub.stats },
  };
}

/** Routes of the subscription control API; mounted at `/_emulator` after `express.json()`. */
export function createSubscriptionControls(ctx: EmulatorContext): Router {
  const router = Router();
  const subscriptions = () => subscriptionsOf(graphState(ctx));
  const fail = (res: Response, status: number, error: string, message: string) =>
    res.status(status).json({ error, message });
  const find = (req: Request, res: Response): StoredSubscription | undefined => {
    const sub = subscriptions().registry.get(String(req.params.id));
    if (!sub) fail(res, 404, 'not_found', `no subscription '${String(req.params.id)}'`);
    return sub;
  };

  router.get('/subscriptions/settings', (_req, res) => {
    res.json(subscriptions().registry.settings);
  });
  router.post('/subscriptions/settings', (req, res) => {
    const parsed = settingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(res, 400, 'bad_request', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
      return;
    }
    const { settings } = subscriptions().registry;
    Object.assign(settings, parsed.data);
    res.json(settings);
  });
  router.delete('/subscriptions/settings', (_req, res) => {
    subscriptions().registry.resetSettings();
    res.status(204).end();
  });

  router.get('/subscriptions', (_req, res) => {
    res.json({ value: subscriptions().registry.list().map(view) });
  });
  router.get('/subscriptions/:id', (req, res) => {
    const sub = find(req, res);
    if (sub) res.json(view(sub));
  });

  router.post('/subscriptions/:id/lifecycle', (req, res) => {
    const parsed = lifecycleSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      fail(
        res,
        400,
        'bad_request',
        'event: reauthorizationRequired, subscriptionRemoved or missed',
      );
      return;
    }
    const sub = find(req, res);
    if (!sub) return;
    if (!sub.lifecycleNotificationUrl) {
      fail(res, 409, 'conflict', 'the subscription has no lifecycleNotificationUrl');
      return;
    }
    const { registry, delivery } = subscriptions();
    const { event } = parsed.data;
    if (event === 'reauthorizationRequired') sub.reauthorizationRequired = true;
    // Removed: Exchange stops delivering at once; the app must create a new subscription.
    if (event === 'subscriptionRemoved') registry.remove(sub.id);
    // Missed: what was lost while suspended is reported; delivery goes on.
    if (event === 'missed') sub.suspended = false;
    delivery.lifecycle(sub, event);
    res.status(202).json(view(sub));
  });

  router.post('/subscriptions/:id/suspend', (req, res) => {
    const sub = find(req, res);
    if (!sub) return;
    sub.suspended = true;
    res.json(view(sub));
  });
  router.delete('/subscriptions/:id/suspend', (req, res) => {
    const sub = find(req, res);
    if (!sub) return;
    sub.suspended = false;
    res.json(view(sub));
  });

  return router;
}
