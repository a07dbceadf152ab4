// Microsoft Graph endpoints (graph.microsoft.com): the Express adapter in front of the Graph
// pipeline. Every route is served under `/v1.0` (and `/beta`, same behaviour).
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { attendanceRoutes } from './attendance.js';
import { batchRoutes } from './batch.js';
import { calendarViewRoutes } from './calendar-view.js';
import { calendarRoutes } from './calendars.js';
import { errorBody, GraphErrors } from './errors.js';
import { eventRoutes } from './events.js';
import { groupRoutes } from './groups.js';
import { mailboxSettingsRoutes } from './mailbox-settings.js';
import { organizationRoutes } from './organization.js';
import {
  dispatch,
  JSON_CONTENT_TYPE,
  requestIds,
  RouteTable,
  type GraphRequest,
} from './pipeline.js';
import { connectionFaults } from './pipeline-connection-faults.js';
import { placeRoutes } from './places.js';
import { seedScenarioCalendars } from './scenario-calendars.js';
import { scheduleRoutes } from './schedule.js';
import { graphState } from './state.js';
import { subscriptionRoutes } from './subscriptions.js';
import { deltaRoutes } from './users-delta.js';
import { userRoutes } from './users.js';

/** Every Graph route, literal paths before parameterised ones. */
export function graphRouteTable(): RouteTable {
  return new RouteTable([
    ...batchRoutes,
    ...deltaRoutes,
    ...userRoutes,
    ...organizationRoutes,
    ...groupRoutes,
    ...mailboxSettingsRoutes,
    ...calendarRoutes,
    ...calendarViewRoutes,
    ...scheduleRoutes,
    ...eventRoutes,
    ...placeRoutes,
    ...subscriptionRoutes,
    ...attendanceRoutes,
  ]);
}

function headerMap(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function createGraphRouter(ctx: EmulatorContext): Router {
  const state = graphState(ctx);
  seedScenarioCalendars(state);
  const routes = graphRouteTable();
  const router = Router();

  router.use(connectionFaults(state));
  router.use(express.json({ limit: '4mb', type: () => true }));
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const ids = requestIds(req.header('client-request-id'));
    const e = GraphErrors.badJson();
    state.stats.record('(unparsable body)', 400, false);
    res
      .status(400)
      .set({
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
        'Content-Type': JSON_CONTENT_TYPE,
      })
      .send(JSON.stringify(errorBody(e.code, e.message, ids, ctx.now())));
  });

  router.use(async (req: Request, res: Response) => {
    const ids = requestIds(req.header('client-request-id'));
    const raw = req.originalUrl;
    const q = raw.indexOf('?');
    const fullPath = q < 0 ? raw : raw.slice(0, q);
    const version = /^\/(v1\.0|beta)(\/.*)?$/i.exec(fullPath);
    let result;
    if (!version) {
      const segment = decodeURIComponent(fullPath.split('/')[1] ?? '');
      const e = GraphErrors.badRequest(`Invalid version: ${segment}`);
      result = {
        route: '(invalid version)',
        response: {
          status: 400,
          headers: {
            'request-id': ids.requestId,
            'client-request-id': ids.clientRequestId,
            'Content-Type': JSON_CONTENT_TYPE,
          },
          body: errorBody(e.code, e.message, ids, ctx.now()),
        },
      };
    } else {
      const graphReq: GraphRequest = {
        method: req.method.toUpperCase(),
        path: version[2] ?? '/',
        query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
        headers: headerMap(req),
        body: req.body as unknown,
        ...ids,
        inBatch: false,
      };
      result = await dispatch(ctx, state, routes, graphReq);
    }
    state.stats.record(result.route, result.response.status, false);
    const { status, headers, body } = result.response;
    res.status(status).set(headers ?? {});
    if (body === undefined) res.end();
    else res.send(JSON.stringify(body));
  });
  return router;
}
