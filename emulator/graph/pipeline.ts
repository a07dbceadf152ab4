// The Graph request pipeline, independent of Express so `$batch` items run through exactly the
// same steps as HTTP requests: authenticate → match route → permissions → mailbox gate →
// per-mailbox throttle → injected latency and faults → handler → error envelope.
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { User } from '../world/types.js';
import { authenticate, type Caller } from './auth.js';
import { errorBody, GraphErrors, GraphHttpError } from './errors.js';
import { sleep } from './faults.js';
import {
  checkAccess,
  checkMailbox,
  readsOwnProfile,
  type MailboxNeed,
  type RouteAccess,
} from './permissions.js';
import type { GraphState } from './state.js';

export interface GraphRequest {
  method: string;
  /** Path after `/v1.0`, still percent-encoded, e.g. `/users/a%40contoso.com/calendarView`. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  requestId: string;
  clientRequestId: string;
  inBatch: boolean;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Call {
  ctx: EmulatorContext;
  state: GraphState;
  req: GraphRequest;
  caller: Caller;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** The mailbox owner for routes that name one. */
  user: User;
  /** Runs another request through the whole pipeline (used by `$batch`). */
  dispatch(req: GraphRequest): Promise<DispatchResult>;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Segments; `:name` matches one segment. Literal segments match case-insensitively. */
  pattern: string;
  access?: RouteAccess;
  /** The path parameter naming the mailbox, and what the route reads from it. */
  mailbox?: { param: string; need: MailboxNeed };
  handler(call: Call): Promise<GraphResponse> | GraphResponse;
}

export interface DispatchResult {
  response: GraphResponse;
  /** `"GET /users/:user/calendarView"`, for statistics. */
  route: string;
}

interface CompiledRoute {
  def: RouteDef;
  segments: string[];
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class RouteTable {
  private readonly routes: CompiledRoute[];

  /** Routes are tried in order: list literal paths (`/users/delta`) before parameterised ones. */
  constructor(defs: RouteDef[]) {
    this.routes = defs.map((def) => ({
      def,
      segments: splitPath(def.pattern).map((s) => (s.startsWith(':') ? s : s.toLowerCase())),
    }));
  }

  private matches(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
    if (route.segments.length !== parts.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i += 1) {
      const seg = route.segments[i] ?? '';
      const part = decode(parts[i] ?? '');
      if (seg.startsWith(':')) params[seg.slice(1)] = part;
      else if (seg !== part.toLowerCase()) return undefined;
    }
    return params;
  }

  /** The route and its parameters, or the 400/405 Graph answers for an unknown path or method. */
  match(method: string, path: string): { def: RouteDef; params: Record<string, string> } {
    const parts = splitPath(path);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = this.matches(route, parts);
      if (!params) continue;
      if (route.def.method === method) return { def: route.def, params };
      pathKnown = true;
    }
    if (pathKnown) {
      throw new GraphHttpError(
        405,
        'BadRequest',
        'Specified HTTP method is not allowed for the request uri.',
      );
    }
    throw GraphErrors.segmentNotFound(decode(this.firstUnknownSegment(parts)));
  }

  private firstUnknownSegment(parts: string[]): string {
    for (let i = 0; i < parts.length; i += 1) {
      const prefix = parts.slice(0, i + 1);
      const known = this.routes.some((r) =>
        prefix.every((p, j) => {
          const seg = r.segments[j];
          return seg !== undefined && (seg.startsWith(':') || seg === decode(p).toLowerCase());
        }),
      );
      if (!known) return parts[i] ?? '';
    }
    return parts[parts.length - 1] ?? '';
  }
}

/** JSON content type Graph answers with. */
export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function withStandardHeaders(req: GraphRequest, res: GraphResponse): GraphResponse {
  const headers: Record<string, string> = {
    ...res.headers,
    'request-id': req.requestId,
    'client-request-id': req.clientRequestId,
  };
  if (res.body !== undefined && !headers['Content-Type'])
    headers['Content-Type'] = JSON_CONTENT_TYPE;
  return { ...res, headers };
}

export function errorResponse(
  ctx: EmulatorContext,
  req: GraphRequest,
  error: GraphHttpError,
): GraphResponse {
  const headers: Record<string, string> = { ...error.headers };
  if (error.status === 401) {
    // What graph.microsoft.com sends with every 401.
    headers['WWW-Authenticate'] =
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
  }
  return {
    status: error.status,
    headers,
    body: errorBody(error.code, error.message, req, ctx.now()),
  };
}

/** Runs one request through the pipeline. Never throws: failures become Graph error responses. */
export async function dispatch(
  ctx: EmulatorContext,
  state: GraphState,
  routes: RouteTable,
  req: GraphRequest,
): Promise<DispatchResult> {
  let route = `${req.method} (unmatched)`;
  let release: (() => void) | undefined;
  let response: GraphResponse;
  try {
    const caller = await authenticate(ctx, req.headers.authorization);
    let path = req.path;
    const viaMe = /^\/me(\/|$)/i.test(path);
    if (viaMe) {
      if (caller.isApp || !caller.userId) throw GraphErrors.meNeedsDelegated();
      path = `/users/${caller.userId}${path.slice(3)}`;
    }
    const { def, params } = routes.match(req.method, path);
    route = `${def.method} ${def.pattern}`;
    if (def.access && !readsOwnProfile(def.access, caller, viaMe)) checkAccess(def.access, caller);
    let user: User | undefined;
    if (def.mailbox) {
      const idOrUpn = params[def.mailbox.param] ?? '';
      user = ctx.world.findUser(caller.tenant, idOrUpn);
      if (!user) throw GraphErrors.invalidUser(idOrUpn);
      checkMailbox(user, def.mailbox.need);
      release = state.throttle.acquire(caller.appId, `${caller.tenant.id}/${user.id}`);
    }
    const delay = state.faults.delayFor(path);
    if (delay > 0) await sleep(delay);
    const fault = state.faults.faultFor(path);
    if (fault) throw fault;
    const call: Call = {
      ctx,
      state,
      req: { ...req, path },
      caller,
      params,
      user: user as User,
      dispatch: (inner) => dispatch(ctx, state, routes, inner),
    };
    response = await def.handler(call);
  } catch (e) {
    if (e instanceof GraphHttpError) response = errorResponse(ctx, req, e);
    else {
      console.error('graph emulator: unexpected failure', e);
      response = errorResponse(
        ctx,
        req,
        new GraphHttpError(500, 'InternalServerError', 'An internal server error occurred.'),
      );
    }
  } finally {
    release?.();
  }
  return { response: withStandardHeaders(req, response), route };
}

/** Request ids: the client's `client-request-id` is echoed; Graph makes its own `request-id`. */
export function requestIds(clientRequestId: string | undefined): {
  requestId: string;
  clientRequestId: string;
} {
  const requestId = randomUUID();
  return { requestId, clientRequestId: clientRequestId || requestId };
}
