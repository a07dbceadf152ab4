// The mailbox org events are sent from (`settings.serviceMailbox`): found in the tenant whose
// connection verified its domain, then checked the way a send would use it — a user Graph knows, with
// a calendar Quorum can reach — so the admin hears what is wrong before anything is queued.
import type { Organization, TenantConnection } from '../../domain/types.js';
import { AppError } from '../../http/errors.js';
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import { userPath } from '../../microsoft/paths.js';
import { getUser } from '../../microsoft/users.js';
import type { ServiceMailbox } from './org-event.js';
import { temporarilyUnavailable } from './graph-problems.js';

export interface ResolvedServiceMailbox {
  mailbox: ServiceMailbox;
  connection: Readonly<TenantConnection>;
}

const unavailable = (detail: string, cause?: unknown) =>
  new AppError('ERR_SERVICE_MAILBOX_UNAVAILABLE', { detail, cause });

export async function resolveServiceMailbox(
  graph: GraphClient,
  org: Readonly<Organization>,
  connections: readonly Readonly<TenantConnection>[],
): Promise<ResolvedServiceMailbox> {
  const address = org.settings.serviceMailbox;
  if (!address) throw new AppError('ERR_SERVICE_MAILBOX_MISSING');
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const connection = connections.find((c) =>
    c.verifiedDomains.some((d) => d.toLowerCase() === domain),
  );
  if (!connection) {
    throw unavailable(
      `${domain} is not a verified domain of a tenant connected to the organization.`,
    );
  }
  if (!connection.enabled) {
    throw unavailable(`The connection to ${connection.displayName} is disabled; enable it first.`);
  }
  const { tenantId } = connection;
  try {
    const user = await getUser(graph, tenantId, address, { select: 'id,mail,userPrincipalName' });
    // `GET /users/{id}/calendar?$select=id`: the mailbox is in Exchange Online and Quorum may reach it.
    await graph.get(tenantId, `${userPath(user.id)}/calendar`, { query: { $select: 'id' } });
    return {
      mailbox: { address: address.toLowerCase(), tenantId, userId: user.id.toLowerCase() },
      connection,
    };
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    if (error.transient || error.status === 0) throw temporarilyUnavailable(error);
    if (error.code === 'Request_ResourceNotFound') {
      throw unavailable(`No user ${address} in ${connection.displayName}.`, error);
    }
    if (error.code === 'MailboxNotEnabledForRESTAPI') {
      throw unavailable(
        `${address} has no Exchange Online mailbox (assign a licence that includes Exchange Online).`,
        error,
      );
    }
    if (error.status === 403) {
      throw unavailable(
        `Microsoft 365 denied Quorum access to ${address} (access scope or consent). Request id: ${error.requestId ?? 'none'}.`,
        error,
      );
    }
    throw unavailable(
      `Microsoft Graph answered ${error.status} ${error.code} for ${address}.`,
      error,
    );
  }
}
