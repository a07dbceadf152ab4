// Rooms of the caller's tenant (places API, cached per tenant): `GET /api/rooms` with filters and
// paging, `GET /api/rooms/lists` for the room lists to filter by.
import type { Response } from 'express';
import type { RouteModule } from '../../app.js';
import { ConnectionUnavailableError } from '../../connections/errors.js';
import { membershipOf, requireMembership } from '../../domain/membership.js';
import { GraphError } from '../../microsoft/graph/index.js';
import { IdentityError } from '../../microsoft/identity/index.js';
import { byFit, matchesRoom } from '../../scheduling/rooms/room.js';
import type { RoomDirectory } from '../../scheduling/rooms/room-directory.js';
import { roomTenantOf } from '../../scheduling/rooms/room-tenant.js';
import { schedulingRuntime } from '../../scheduling/runtime.js';
import {
  RoomListsResponseSchema,
  RoomsQuerySchema,
  RoomsResponseSchema,
} from '../../scheduling/schemas.js';
import type { Services } from '../../services.js';
import { callerOf } from '../auth/caller.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';

/** A failure to list rooms as the problem the caller sees (other errors pass through). */
export function roomsProblem(error: unknown): unknown {
  if (error instanceof ConnectionUnavailableError) {
    return new AppError('ERR_ROOMS_UNAVAILABLE', {
      detail:
        error.reason === 'connection_disabled'
          ? "An admin disabled your organization's connection to your tenant."
          : 'Your organization has no connection to your tenant.',
      cause: error,
    });
  }
  if (error instanceof GraphError) {
    if (error.transient || error.status === 0) {
      return new AppError('ERR_ROOMS_TEMPORARILY_UNAVAILABLE', {
        headers: { 'Retry-After': String(error.retryAfterSeconds ?? 30) },
        cause: error,
      });
    }
    return new AppError('ERR_ROOMS_UNAVAILABLE', {
      detail:
        error.status === 403
          ? 'Microsoft 365 refused to list rooms: the connection lacks the Place.Read.All permission.'
          : `Microsoft Graph answered ${error.status} ${error.code} (request id ${error.requestId ?? 'none'}).`,
      cause: error,
    });
  }
  if (error instanceof IdentityError) {
    return error.transient
      ? new AppError('ERR_ROOMS_TEMPORARILY_UNAVAILABLE', {
          headers: { 'Retry-After': String(error.retryAfterSeconds ?? 30) },
          cause: error,
        })
      : new AppError('ERR_ROOMS_UNAVAILABLE', { detail: error.message, cause: error });
  }
  return error;
}

/** Refuses a room list the tenant does not have (`ERR_ROOM_LIST_NOT_FOUND`). */
export async function requireRoomList(
  directory: RoomDirectory,
  tenantId: string,
  listEmail: string,
): Promise<void> {
  const lists = await directory.roomLists(tenantId);
  if (!lists.value.some((l) => l.email === listEmail.toLowerCase())) {
    throw new AppError('ERR_ROOM_LIST_NOT_FOUND', {
      detail: `Your tenant has no room list ${listEmail}.`,
    });
  }
}

/** The tenant whose rooms the caller sees (`roomTenantOf`). */
async function callerRoomTenant(services: Services, res: Response): Promise<string> {
  const { org, member } = membershipOf(res);
  const connections = await services.orgs.listConnections(org.id);
  return roomTenantOf(member, callerOf(res).tenantId, connections);
}

const ROOM_ERRORS = [
  'ERR_ORG_NOT_SET_UP',
  'ERR_ROOMS_UNAVAILABLE',
  'ERR_ROOMS_TEMPORARILY_UNAVAILABLE',
] as const;

export const roomRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const membership = requireMembership(membershipDepsOf(deps));
  const { rooms: directory } = schedulingRuntime(deps);

  const list = validate({ query: RoomsQuerySchema });
  api.route({
    method: 'get',
    path: '/api/rooms',
    summary:
      "Rooms of the caller's tenant, smallest first; filter by building, seats, access, list",
    tags: ['Rooms'],
    request: { query: RoomsQuerySchema },
    errors: [...ROOM_ERRORS, 'ERR_VALIDATION', 'ERR_ROOM_LIST_NOT_FOUND'],
    responses: {
      200: {
        description: 'A page of rooms and the total matching',
        content: { 'application/json': { schema: RoomsResponseSchema } },
      },
    },
  });
  router.get('/api/rooms', membership, list, async (_req, res) => {
    const { query } = list.get(res);
    try {
      const tenantId = await callerRoomTenant(services, res);
      if (query.roomList !== undefined) await requireRoomList(directory, tenantId, query.roomList);
      const [all, members] = await Promise.all([
        directory.rooms(tenantId),
        query.roomList === undefined ? undefined : directory.roomsInList(tenantId, query.roomList),
      ]);
      const matching = all.value
        .filter((room) =>
          matchesRoom(room, {
            building: query.building,
            minCapacity: query.minCapacity,
            accessible: query.accessible === 'true',
            within: members ? new Set(members.value.map((r) => r.email)) : undefined,
          }),
        )
        .sort(byFit);
      res.json({
        rooms: matching.slice(query.offset, query.offset + query.limit),
        total: matching.length,
        offset: query.offset,
        limit: query.limit,
        fetchedAt: new Date(
          Math.min(all.fetchedAt, members?.fetchedAt ?? all.fetchedAt),
        ).toISOString(),
      });
    } catch (error) {
      throw roomsProblem(error);
    }
  });

  api.route({
    method: 'get',
    path: '/api/rooms/lists',
    summary: "Room lists of the caller's tenant",
    tags: ['Rooms'],
    errors: [...ROOM_ERRORS],
    responses: {
      200: {
        description: 'Every room list',
        content: { 'application/json': { schema: RoomListsResponseSchema } },
      },
    },
  });
  router.get('/api/rooms/lists', membership, async (_req, res) => {
    try {
      const lists = await directory.roomLists(await callerRoomTenant(services, res));
      res.json({
        roomLists: [...lists.value].sort((a, b) => a.displayName.localeCompare(b.displayName)),
        fetchedAt: new Date(lists.fetchedAt).toISOString(),
      });
    } catch (error) {
      throw roomsProblem(error);
    }
  });
};
