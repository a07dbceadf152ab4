// Graph failures as the org-event routes answer them: throttling and outages as a 503 with
// Retry-After, a group Graph does not know, a permission the connection lacks.
import { AppError } from '../../http/errors.js';
import { GraphError } from '../../microsoft/graph/index.js';

export function temporarilyUnavailable(error: GraphError): AppError {
  return new AppError('ERR_ORG_EVENT_TEMPORARILY_UNAVAILABLE', {
    headers: { 'Retry-After': String(error.retryAfterSeconds ?? 30) },
    cause: error,
  });
}

/** Reading a group's members failed: unknown group, missing permission, or a transient failure. */
export function groupReadProblem(error: unknown, groupId: string): unknown {
  if (!(error instanceof GraphError)) return error;
  if (error.transient || error.status === 0) return temporarilyUnavailable(error);
  if (error.status === 404) {
    return new AppError('ERR_ORG_EVENT_GROUP_NOT_FOUND', {
      detail: `No group ${groupId} in the service mailbox's tenant.`,
      cause: error,
    });
  }
  if (error.status === 403) {
    return new AppError('ERR_ORG_EVENT_PERMISSION', {
      detail:
        "Reading a group's members needs the GroupMember.Read.All application permission (the org events tier); consent again to add it.",
      cause: error,
    });
  }
  return new AppError('ERR_ORG_EVENT_TEMPORARILY_UNAVAILABLE', {
    detail: `Microsoft Graph answered ${error.status} ${error.code} while reading the group.`,
    headers: { 'Retry-After': '30' },
    cause: error,
  });
}
