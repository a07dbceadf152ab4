// Rooms and room lists (graph-facts §4): `/places/microsoft.graph.room`,
// `/places/microsoft.graph.roomlist` and `/places/{roomListEmail}/microsoft.graph.roomlist/rooms`,
// 100 per page with `$top`/`$skip`, Place.Read.All required.
import { stableGuid } from '../world/ids.js';
import type { RoomList, Tenant, User } from '../world/types.js';
import { GraphErrors } from './errors.js';
import { absoluteLink, odataContext, outlookTop, queryWithout, skip } from './odata.js';
import { Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';

function shapeRoom(tenant: Tenant, room: User): Record<string, unknown> {
  const info = room.mailbox.room;
  const email = room.mail ?? room.userPrincipalName;
  return {
    '@odata.type': '#microsoft.graph.room',
    id: stableGuid(tenant.id, `place:${email}`),
    emailAddress: email,
    displayName: room.displayName,
    address: {
      street: '',
      city: room.officeLocation ?? '',
      state: '',
      postalCode: '',
      countryOrRegion: '',
    },
    geoCoordinates: null,
    phone: null,
    nickname: room.displayName,
    label: null,
    capacity: info?.capacity ?? null,
    building: info?.building ?? null,
    floorNumber: info?.floorNumber ?? null,
    floorLabel: info?.floorLabel ?? null,
    isWheelChairAccessible: info?.isWheelChairAccessible ?? false,
    bookingType: info?.bookingType ?? 'standard',
    tags: [...(info?.tags ?? [])],
    audioDeviceName: info?.audioDeviceName ?? null,
    videoDeviceName: info?.videoDeviceName ?? null,
    displayDeviceName: info?.displayDeviceName ?? null,
  };
}

function shapeRoomList(tenant: Tenant, list: RoomList): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.roomList',
    id: list.id,
    displayName: list.displayName,
    address: null,
    geoCoordinates: null,
    phone: null,
    emailAddress: list.emailAddress,
  };
}

function page(call: Call, context: string, items: Record<string, unknown>[]): GraphResponse {
  const top = outlookTop(call.req.query, 100);
  const offset = skip(call.req.query);
  const body: Record<string, unknown> = { '@odata.context': odataContext(call, context) };
  body.value = items.slice(offset, offset + top);
  if (offset + top < items.length) {
    const params = queryWithout(call.req.query, 'skip');
    params.set('$skip', String(offset + top));
    body['@odata.nextLink'] = absoluteLink(call, call.req.path, params);
  }
  return { status: 200, body };
}

function rooms(tenant: Tenant): User[] {
  return tenant.users.filter((u) => !u.deleted && u.mailbox.kind === 'room');
}

function listRooms(call: Call): GraphResponse {
  const tenant = call.caller.tenant;
  return page(
    call,
    'places/microsoft.graph.room',
    rooms(tenant).map((r) => shapeRoom(tenant, r)),
  );
}

function listRoomLists(call: Call): GraphResponse {
  const tenant = call.caller.tenant;
  return page(
    call,
    'places/microsoft.graph.roomList',
    tenant.roomLists.map((l) => shapeRoomList(tenant, l)),
  );
}

function listRoomsInList(call: Call): GraphResponse {
  const tenant = call.caller.tenant;
  const email = (call.params.list ?? '').toLowerCase();
  const list = tenant.roomLists.find((l) => l.emailAddress.toLowerCase() === email);
  // [U] Decision: an unknown room list address is Outlook's item-not-found 404.
  if (!list) throw GraphErrors.itemNotFound();
  const members = new Set(list.rooms.map((r) => r.toLowerCase()));
  const inList = rooms(tenant).filter((r) => members.has(r.userPrincipalName.toLowerCase()));
  return page(
    call,
    `places('${list.emailAddress}')/microsoft.graph.roomlist/rooms`,
    inList.map((r) => shapeRoom(tenant, r)),
  );
}

const access = { family: 'outlook', anyOf: Permissions.places } as const;

export const placeRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/places/microsoft.graph.room', access, handler: listRooms },
  { method: 'GET', pattern: '/places/microsoft.graph.roomlist', access, handler: listRoomLists },
  {
    method: 'GET',
    pattern: '/places/:list/microsoft.graph.roomlist/rooms',
    access,
    handler: listRoomsInList,
  },
];
