// Graph's error envelope and the exact codes and messages the emulator answers with. One place,
// so every route (and every `$batch` item) fails in the shape Microsoft's clients parse.

/** A failure a Graph route answers with; the dispatcher turns it into the error envelope. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The envelope Graph wraps every error in (graph-facts §2.1, §6.4). */
export function errorBody(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  nowMs: number,
): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return {
    error: {
      code,
      message,
      innerError: {
        // Graph writes the date without fractional seconds or zone designator.
        date: new Date(nowMs).toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** The errors routes raise, by the condition that causes them. */
export const GraphErrors = {
  tokenMissing: () =>
    new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.'),
  tokenMalformed: () =>
    new GraphHttpError(
      401,
      'InvalidAuthenticationToken',
      'CompactToken parsing failed with error code: 80049217',
    ),
  tokenExpired: () =>
    new GraphHttpError(
      401,
      'InvalidAuthenticationToken',
      'Access token has expired or is not yet valid.',
    ),
  tokenAudience: () =>
    new GraphHttpError(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience.',
    ),
  tokenInvalid: () =>
    new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token validation failure.'),
  directoryDenied: () =>
    new GraphHttpError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    ),
  outlookDenied: () =>
    new GraphHttpError(
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    ),
  odataDisabled: () => new GraphHttpError(403, 'ErrorAccessDenied', 'Access to OData is disabled.'),
  mailboxNotEnabled: () =>
    new GraphHttpError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    ),
  /** Outlook routes name an unknown user this way; directory routes use `directoryNotFound`. */
  invalidUser: (id: string) =>
    new GraphHttpError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`),
  directoryNotFound: (id: string) =>
    new GraphHttpError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  itemNotFound: () =>
    new GraphHttpError(
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store.',
    ),
  segmentNotFound: (segment: string) =>
    new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  badJson: () =>
    new GraphHttpError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    ),
  meNeedsDelegated: () =>
    new GraphHttpError(
      400,
      'BadRequest',
      '/me request is only valid with delegated authentication flow.',
    ),
  invalidParameter: (message: string) => new GraphHttpError(400, 'ErrorInvalidParameter', message),
  unsupportedQuery: (message: string) =>
    new GraphHttpError(400, 'Request_UnsupportedQuery', message),
  badRequest: (message: string) => new GraphHttpError(400, 'BadRequest', message),
  timeZoneNotSupported: (tz: string) =>
    new GraphHttpError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${tz}'.`,
    ),
} as const;
