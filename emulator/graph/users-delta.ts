// `GET /users/delta`: a full enumeration in pages ending in an `@odata.deltaLink`, then only the
// users changed since (with `@removed` for deletions). Directory delta tokens live 7 days on the
// emulator clock; an expired or unknown token is 410 Gone with a `Location` to start over.
import type { User } from '../world/types.js';
import { GraphHttpError } from './errors.js';
import {
  absoluteLink,
  decodeToken,
  encodeToken,
  odataContext,
  option,
  selectList,
} from './odata.js';
import { basicProfileOnly, Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { resolveUserSelect, selectSuffix, shapeUser } from './user-shape.js';

/** Directory delta links expire after 7 days (Microsoft, July 2020). */
export const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 3600_000;
const DEFAULT_PAGE = 100;

interface DeltaCursor {
  /** Tenant the token belongs to. */
  t: string;
  /** `full`: enumerating every user; `changes`: replaying changes in (s, e]. */
  m: 'full' | 'changes';
  s: number;
  e: number;
  o: number;
  /** `$select` of the first request. */
  sel: string;
  /** When the delta link was issued (emulator clock), for expiry. */
  at: number;
}

const isCursor = (v: unknown): v is DeltaCursor => {
  const c = v as DeltaCursor;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof c.t === 'string' &&
    (c.m === 'full' || c.m === 'changes') &&
    [c.s, c.e, c.o, c.at].every((n) => typeof n === 'number') &&
    typeof c.sel === 'string'
  );
};

function gone(call: Call, code: 'syncStateNotFound' | 'resyncRequired', sel: string): never {
  const restart = new URLSearchParams();
  if (sel) restart.set('$select', sel);
  const message =
    code === 'syncStateNotFound'
      ? 'The sync state generation is not found. The delta token is expired and data must be synchronized again.'
      : 'The delta token is no longer valid, and the app must reset the sync state.';
  // Decision: both cases answer 410 Gone with a Location to a fresh delta request (graph-facts
  // §2.3, §8.3); Microsoft's 2020 note says an expired token may also surface as a 400.
  throw new GraphHttpError(410, code, message, {
    Location: absoluteLink(call, '/users/delta', restart),
  });
}

function pageSize(call: Call): number {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(call.req.headers.prefer ?? '');
  const n = m ? Number(m[1]) : DEFAULT_PAGE;
  return Math.min(Math.max(n, 1), 999);
}

/** Users changed in (from, to] for a tenant, last change per user, oldest first. */
function changedUserIds(call: Call, tenantId: string, from: number, to: number): string[] {
  const changes = call.ctx.world.directoryChanges;
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((changes[mid]?.seq ?? 0) <= from) lo = mid + 1;
    else hi = mid;
  }
  const ids = new Map<string, number>();
  for (let i = lo; i < changes.length; i += 1) {
    const c = changes[i];
    if (!c || c.seq > to) break;
    if (c.tenantId !== tenantId) continue;
    ids.delete(c.userId);
    ids.set(c.userId, c.seq);
  }
  return [...ids.keys()];
}

function shapeChange(call: Call, userId: string, properties: string[]): Record<string, unknown> {
  const tenant = call.caller.tenant;
  const user: User | undefined = tenant.users.find((u) => u.id === userId);
  if (!user) return { id: userId, '@removed': { reason: 'deleted' } };
  if (user.deleted) return { id: userId, '@removed': { reason: 'changed' } };
  return shapeUser(user, properties, basicProfileOnly(call.caller));
}

/** `GET /users/delta` */
function usersDelta(call: Call): GraphResponse {
  const world = call.ctx.world;
  const tenantId = call.caller.tenant.id;
  const now = call.ctx.now();
  const skiptoken = option(call.req.query, 'skiptoken');
  const deltatoken = option(call.req.query, 'deltatoken');
  let cursor: DeltaCursor;
  if (skiptoken !== undefined || deltatoken !== undefined) {
    if (deltatoken?.toLowerCase() === 'latest') {
      const sel = option(call.req.query, 'select') ?? '';
      resolveUserSelect(selectList(call.req.query));
      const link = encodeToken({
        t: tenantId,
        m: 'changes',
        s: world.directorySeq,
        e: 0,
        o: 0,
        sel,
        at: now,
      });
      return {
        status: 200,
        body: {
          '@odata.context': odataContext(call, `users${selectSuffix(selectList(call.req.query))}`),
          '@odata.deltaLink': absoluteLink(
            call,
            '/users/delta',
            new URLSearchParams({ $deltatoken: link }),
          ),
          value: [],
        },
      };
    }
    const decoded = decodeToken(skiptoken ?? deltatoken ?? '', isCursor);
    if (!decoded || decoded.t !== tenantId) gone(call, 'resyncRequired', decoded?.sel ?? '');
    if (now - decoded.at > DELTA_TOKEN_LIFETIME_MS) gone(call, 'syncStateNotFound', decoded.sel);
    cursor = deltatoken !== undefined ? { ...decoded, e: world.directorySeq, o: 0 } : decoded;
  } else {
    if (option(call.req.query, 'filter') !== undefined) {
      throw new GraphHttpError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
    }
    const sel = option(call.req.query, 'select') ?? '';
    cursor = { t: tenantId, m: 'full', s: 0, e: world.directorySeq, o: 0, sel, at: now };
  }
  const select = cursor.sel ? selectList(new URLSearchParams({ $select: cursor.sel })) : undefined;
  const properties = resolveUserSelect(select);
  const size = pageSize(call);
  let value: Record<string, unknown>[];
  let total: number;
  if (cursor.m === 'full') {
    const live = call.caller.tenant.users.filter((u) => !u.deleted);
    total = live.length;
    value = live
      .slice(cursor.o, cursor.o + size)
      .map((u) => shapeUser(u, properties, basicProfileOnly(call.caller)));
  } else {
    const ids = changedUserIds(call, tenantId, cursor.s, cursor.e);
    total = ids.length;
    value = ids.slice(cursor.o, cursor.o + size).map((id) => shapeChange(call, id, properties));
  }
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(call, `users${selectSuffix(select)}`),
  };
  if (cursor.o + size < total) {
    const next = encodeToken({ ...cursor, o: cursor.o + size });
    body['@odata.nextLink'] = absoluteLink(
      call,
      '/users/delta',
      new URLSearchParams({ $skiptoken: next }),
    );
  } else {
    const link = encodeToken({
      t: tenantId,
      m: 'changes',
      s: cursor.e,
      e: 0,
      o: 0,
      sel: cursor.sel,
      at: now,
    });
    body['@odata.deltaLink'] = absoluteLink(
      call,
      '/users/delta',
      new URLSearchParams({ $deltatoken: link }),
    );
  }
  body.value = value;
  return { status: 200, body };
}

export const deltaRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/users/delta',
    access: { family: 'directory', anyOf: Permissions.usersDelta },
    handler: usersDelta,
  },
];
