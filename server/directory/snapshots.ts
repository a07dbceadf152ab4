// The directory users of each tenant connection, kept in memory between syncs. Only members carry
// directory data on disk (their `DirectoryLink`); after a restart a connection's first sync is a
// full listing again, which costs ⌈N/999⌉ requests, and delta queries resume from there.
import type { DirectoryUser } from './directory-user.js';

export interface ConnectionSnapshot {
  connectionId: string;
  tenantId: string;
  /** Object id → user. */
  users: Map<string, DirectoryUser>;
  /** When the snapshot was last brought up to date (full listing or delta). */
  syncedAt: string;
}

export class DirectorySnapshots {
  readonly #byConnection = new Map<string, ConnectionSnapshot>();

  get(connectionId: string): ConnectionSnapshot | undefined {
    return this.#byConnection.get(connectionId);
  }

  /** Replaces the connection's snapshot (after a full listing). */
  replace(snapshot: ConnectionSnapshot): void {
    this.#byConnection.set(snapshot.connectionId, snapshot);
  }

  /** Drops what Quorum copied from a tenant (connection deleted). */
  drop(connectionId: string): boolean {
    return this.#byConnection.delete(connectionId);
  }

  /** The user with this object id in any snapshot of the tenant. */
  findUser(tenantId: string, objectId: string): DirectoryUser | undefined {
    const tid = tenantId.toLowerCase();
    for (const snapshot of this.#byConnection.values()) {
      if (snapshot.tenantId !== tid) continue;
      const user = snapshot.users.get(objectId.toLowerCase());
      if (user) return user;
    }
    return undefined;
  }
}
