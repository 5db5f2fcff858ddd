/**
 * Errors shaped like Entra ID's (OAuth 2.0 error plus Entra's AADSTS code, trace and correlation
 * ids), so clients that parse `error_codes` or show `error_description` behave as they would against
 * login.microsoftonline.com: as JSON from the token endpoint, as redirect parameters from the
 * authorize endpoint ("Microsoft identity platform and OAuth 2.0 authorization code flow", Error
 * response; texts after "Microsoft Entra authentication and authorization error codes").
 */
import { randomUUID } from 'node:crypto';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_resource'
  // Authorize endpoint only (OpenID Connect Core 3.1.2.6 and Entra's additions).
  | 'unsupported_response_type'
  | 'access_denied'
  | 'login_required'
  | 'interaction_required'
  | 'consent_required';

/** Entra's timestamp format: "2024-05-01 12:00:00Z". */
function entraTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly aadsts: number,
    readonly detail: string,
  ) {
    super(`AADSTS${aadsts}: ${detail}`);
  }

  body(errorUriBase: string): Record<string, unknown> {
    const timestamp = entraTimestamp(new Date());
    const traceId = randomUUID();
    const correlationId = randomUUID();
    return {
      error: this.error,
      error_description: `AADSTS${this.aadsts}: ${this.detail} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${errorUriBase}/error?code=${this.aadsts}`,
    };
  }

  /**
   * The parameters the authorize endpoint puts on the redirect URI (query or fragment): no
   * `error_codes` there, the code is read from `error_description` (msal's AuthorizeResponse).
   */
  redirectParams(errorUriBase: string, state: string | undefined): Record<string, string> {
    const body = this.body(errorUriBase);
    const params: Record<string, string> = {
      error: this.error,
      error_description: body.error_description as string,
      error_uri: body.error_uri as string,
      timestamp: body.timestamp as string,
      trace_id: body.trace_id as string,
      correlation_id: body.correlation_id as string,
    };
    if (this.suberror) params.suberror = this.suberror;
    if (state !== undefined) params.state = state;
    return params;
  }

  /** Entra's `suberror` (e.g. `cancel` when the user went back without consenting). */
  suberror?: string;
}

/** The errors the emulator gives, named by what went wrong; texts follow Entra's. */
export const entraErrors = {
  missingParameter: (name: string) => new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  postOnly: () => new EntraError(400, 'invalid_request', 900561, 'The endpoint only accepts POST, OPTIONS requests. Received a GET request.'),
  tenantNotFound: (tenant: string) =>
    new EntraError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  unsupportedGrant: (grant: string) => new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  applicationNotFound: (clientId: string, tenant: string) =>
    new EntraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  secretRequired: () =>
    new EntraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  invalidSecret: (clientId: string) =>
    new EntraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  publicClientWithSecret: () =>
    new EntraError(401, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  clientCredentialsScope: (scope: string) =>
    new EntraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  invalidScope: (scope: string) =>
    new EntraError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  multipleResources: () =>
    new EntraError(400, 'invalid_scope', 28000, 'Provided value for the input parameter scope is not valid because it contains more than one resource.'),
  resourceNotFound: (resource: string, tenant: string) =>
    new EntraError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  userNotFound: (tenant: string) =>
    new EntraError(
      400,
      'invalid_grant',
      50034,
      `The user account {EUII Hidden} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
    ),
  badPassword: () => new EntraError(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  badRefreshToken: () => new EntraError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  refreshTokenOtherClient: () => new EntraError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.'),
} as const;

/** The authorize endpoint's errors and those of the code and SPA rules at the token endpoint. */
export const authorizeErrors = {
  missingParameter: (name: string) => new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  noReplyAddress: () => new EntraError(400, 'invalid_request', 900971, 'No reply address provided.'),
  redirectUriMismatch: (uri: string, clientId: string) =>
    new EntraError(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  unsupportedResponseType: (type: string) =>
    new EntraError(400, 'unsupported_response_type', 700054, `response_type '${type}' is not enabled for the application.`),
  unsupportedResponseMode: (mode: string) =>
    new EntraError(400, 'invalid_request', 70007, `The application returned an unsupported value '${mode}' of response_mode when requesting a token.`),
  invalidPrompt: (prompt: string) => new EntraError(400, 'invalid_request', 90023, `Invalid prompt value '${prompt}'.`),
  pkceRequired: () =>
    new EntraError(400, 'invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.'),
  codeChallengeSize: () => new EntraError(400, 'invalid_request', 501491, 'Invalid size of Code_Challenge parameter.'),
  codeChallengeMethod: () => new EntraError(400, 'invalid_request', 50149, 'Invalid Code_Challenge_Method parameter.'),
  loginRequired: () =>
    new EntraError(
      400,
      'login_required',
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com).",
    ),
  selectAccount: () =>
    new EntraError(
      400,
      'interaction_required',
      16000,
      'Either multiple user identities are available for the current request or selected account is not supported for the scenario.',
    ),
  consentRequired: (clientId: string, clientName: string) =>
    new EntraError(
      400,
      'consent_required',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${clientName}'. Send an interactive authorization request for this user and resource.`,
    ),
  consentDeclined: () => {
    const e = new EntraError(400, 'access_denied', 65004, 'User declined to consent to access the app.');
    e.suberror = 'cancel';
    return e;
  },
  // Token endpoint: redeeming a code.
  codeNotFound: () => new EntraError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  codeRedeemed: () =>
    new EntraError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: () =>
    new EntraError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeOtherClient: () => new EntraError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.'),
  codeRedirectMismatch: () =>
    new EntraError(400, 'invalid_grant', 500112, 'The reply address does not match the reply address provided when requesting Authorization code.'),
  verifierMismatch: () =>
    new EntraError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  crossOriginNotSpa: (origin: string) =>
    new EntraError(
      400,
      'invalid_request',
      9002326,
      `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
    ),
  spaNotCrossOrigin: () =>
    new EntraError(
      400,
      'invalid_request',
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    ),
  spaRefreshExpired: (issuedAt: Date) =>
    new EntraError(
      400,
      'invalid_grant',
      700084,
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issuedAt.toISOString()}.`,
    ),
} as const;
