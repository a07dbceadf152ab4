// The catalogue of AADSTS errors the emulated Entra produces, with Microsoft's `error` values,
// HTTP statuses and message texts (graph-facts §1.5). Codes marked [U] are decisions, not documented.
import { AadstsError } from './aadsts.js';

const CERT_DOCS =
  'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';

export const Aadsts = {
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  redirectUriMismatch: (uri: string, appId: string) =>
    new AadstsError(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      400,
      'invalid_request',
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    new AadstsError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    ),
  /** Client credentials against `/common`, `/consumers` and (a decision [U]) `/organizations`. */
  tenantlessClientCredentials: () =>
    new AadstsError(
      400,
      'invalid_request',
      9001023,
      "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
    ),
  appNotFound: (appId: string, tenantName: string) =>
    new AadstsError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  appDisabled: (appId: string, name: string) =>
    new AadstsError(
      400,
      'unauthorized_client',
      7000112,
      `Application '${appId}'(${name}) is disabled.`,
    ),
  invalidSecret: (appId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    ),
  expiredSecret: (appId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  noCredentialClientCredentials: () =>
    new AadstsError(
      401,
      'invalid_client',
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    ),
  noCredential: () =>
    new AadstsError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  malformedAssertion: () =>
    new AadstsError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.'),
  assertionSignature: () =>
    new AadstsError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.'),
  assertionKeyNotFound: (thumbprintHex: string, appId: string) =>
    new AadstsError(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprintHex}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'.]`,
    ),
  assertionKeyExpired: (thumbprintHex: string, start: string, end: string) =>
    new AadstsError(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${thumbprintHex}', Found key 'Start=${start}, End=${end}']`,
    ),
  assertionIssuer: () =>
    new AadstsError(
      401,
      'invalid_client',
      700021,
      `Client assertion application identifier doesn't match 'client_id' parameter. ${CERT_DOCS}`,
    ),
  /** [U] Microsoft documents no text for a wrong `aud`; the AADSTS number is the one for an invalid assertion. */
  assertionAudience: (aud: string) =>
    new AadstsError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. [Reason - The audience '${aud}' is not this tenant's token endpoint.] ${CERT_DOCS}`,
    ),
  assertionTime: (nowIso: string, nbfIso: string, expIso: string) =>
    new AadstsError(
      401,
      'invalid_client',
      700024,
      `Client assertion is not within its valid time range. Current time: ${nowIso}, assertion valid from ${nbfIso}, expiry time of assertion ${expIso}. ${CERT_DOCS}`,
    ),
  publicClientWithCredential: () =>
    new AadstsError(
      401,
      'invalid_client',
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  scopeNotDefault: (scope: string) =>
    new AadstsError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  invalidCode: () =>
    new AadstsError(
      400,
      'invalid_grant',
      70000,
      "The provided value for the 'code' parameter is not valid.",
    ),
  codeRedeemed: () =>
    new AadstsError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: () =>
    new AadstsError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  pkceMismatch: () =>
    new AadstsError(
      400,
      'invalid_grant',
      50148,
      'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
    ),
  pkceMissingVerifier: () =>
    new AadstsError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  /** [U] the token endpoint's answer to a redirect_uri differing from the authorize request's. */
  redirectMismatchAtToken: () =>
    new AadstsError(
      400,
      'invalid_grant',
      500112,
      'The reply address does not match the reply address provided when requesting the authorization code.',
    ),
  invalidRefreshToken: () =>
    new AadstsError(
      400,
      'invalid_grant',
      9002313,
      'Invalid request. Request is malformed or invalid. - [The refresh token is not valid, was revoked or was already used.]',
    ),
  spaCrossOriginOnly: () =>
    new AadstsError(
      400,
      'invalid_request',
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    ),
  userDisabled: () =>
    new AadstsError(
      400,
      'invalid_grant',
      50057,
      'The user account is disabled. The user object in Active Directory representing this account has been disabled. An account may be disabled by an administrator.',
    ),
  consentRequired: (clientId: string, name: string) =>
    new AadstsError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
    ),
} as const;
