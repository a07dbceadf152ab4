// The Quorum app's own credential against the emulator, as the benches use it outside Quorum's
// server: the emulator's addresses and app secret, app-only Graph tokens, and a Graph client.
import type { Emulator } from '../../emulator/emulator.js';
import { GraphClient } from '../../server/microsoft/graph/index.js';
import {
  createIdentity,
  type AppCredential,
  type Identity,
} from '../../server/microsoft/identity/index.js';
import { createFetch } from '../../server/net/fetch.js';

/** Where the emulator answers and the Quorum app registered in it (what an emulator role reports). */
export interface AppTarget {
  loginUrl: string;
  graphUrl: string;
  caPem: string;
  clientId: string;
  clientSecret: string;
}

export function appTargetOf(emulator: Emulator): AppTarget {
  return {
    loginUrl: emulator.loginUrl,
    graphUrl: emulator.graphUrl,
    caPem: emulator.ca.certPem,
    clientId: emulator.quorumApp.clientId,
    clientSecret: emulator.quorumApp.clientSecret,
  };
}

/** A fresh identity (its own token cache and connection pool) holding the app's secret. */
export function appIdentity(target: AppTarget) {
  const identity: Identity = createIdentity({
    authorityHost: target.loginUrl,
    fetch: createFetch({ caPem: target.caPem }),
  });
  const credential: AppCredential = {
    kind: 'secret',
    clientId: target.clientId,
    secret: target.clientSecret,
  };
  const token = async (tenantId: string) =>
    (await identity.getGraphToken(credential, tenantId)).token;
  return { identity, credential, token };
}

/** Quorum's Graph client with app-only tokens from a fresh identity (Graph on a pool of its own). */
export function appGraph(target: AppTarget): GraphClient {
  return new GraphClient({
    baseUrl: target.graphUrl,
    fetch: createFetch({ caPem: target.caPem }),
    tokenProvider: appIdentity(target).token,
  });
}
