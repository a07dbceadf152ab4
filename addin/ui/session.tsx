// What every screen needs from the page: the host, the API client, and the caller.
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.js';
import type { HostAdapter } from '../host/host-adapter.js';

export interface Session {
  readonly host: HostAdapter;
  readonly api: ApiClient;
}

export const SessionContext = createContext<Session | null>(null);

/** The page's session; screens render only inside a SessionContext provider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}
