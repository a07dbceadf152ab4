// Typed refusals of the credential resolver: Graph calls for a tenant whose connection is disabled
// or missing stop before any token is requested, and callers (sweeps, scheduling) read the reason.
import type { StatusReason } from '../domain/types.js';

export type ConnectionUnavailableCode = 'ERR_CONNECTION_DISABLED' | 'ERR_CONNECTION_MISSING';

/** No usable connection for the tenant: disabled by an admin, or none at all. */
export class ConnectionUnavailableError extends Error {
  override readonly name = 'ConnectionUnavailableError';
  readonly code: ConnectionUnavailableCode;
  /** The member status reason this means for the tenant's members. */
  readonly reason: StatusReason;
  readonly tenantId: string;
  readonly connectionId: string | undefined;

  constructor(code: ConnectionUnavailableCode, tenantId: string, connectionId?: string) {
    super(
      code === 'ERR_CONNECTION_DISABLED'
        ? `The tenant connection for ${tenantId} is disabled.`
        : `No Quorum organization has a connection for tenant ${tenantId}.`,
    );
    this.code = code;
    this.reason = code === 'ERR_CONNECTION_DISABLED' ? 'connection_disabled' : 'not_in_directory';
    this.tenantId = tenantId;
    this.connectionId = connectionId;
  }
}
