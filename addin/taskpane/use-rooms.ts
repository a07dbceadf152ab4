// The tenant's rooms, once: their addresses (a room among the attendees is a room, not a person)
// and buildings (the building filter). Without them the pane still works, with no building list.
import { useMemo } from 'react';
import type { ApiClient } from '../api/client.js';
import { useResource } from '../ui/use-resource.js';
import { fetchRooms } from './schedule-api.js';

export interface RoomsView {
  readonly ready: boolean;
  readonly emails: ReadonlySet<string>;
  readonly buildings: readonly string[];
  nameOf(email: string): string | undefined;
}

export function useRooms(api: ApiClient): RoomsView {
  const rooms = useResource(() => fetchRooms(api), [api]);
  const list = rooms.data?.rooms;
  return useMemo(() => {
    const byEmail = new Map((list ?? []).map((r) => [r.email.toLowerCase(), r]));
    const buildings = [
      ...new Set((list ?? []).map((r) => r.building).filter((b): b is string => !!b)),
    ];
    return {
      ready: !rooms.loading || list !== undefined,
      emails: new Set(byEmail.keys()),
      buildings: buildings.sort((a, b) => a.localeCompare(b)),
      nameOf: (email: string) => byEmail.get(email.toLowerCase())?.displayName,
    };
  }, [list, rooms.loading]);
}
