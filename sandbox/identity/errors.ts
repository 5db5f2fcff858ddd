/**
 * Token endpoint errors shaped like Entra ID's (OAuth 2.0 error JSON plus Entra's AADSTS code,
 * trace and correlation ids), so clients that parse `error_codes` or show `error_description`
 * behave as they would against login.microsoftonline.com.
 */
import { randomUUID } from 'node:crypto';

export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope' | 'invalid_resource';

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
    const now = new Date();
    const traceId = randomUUID();
    const correlationId = randomUUID();
    // Entra's timestamp format: "2024-05-01 12:00:00Z".
    const timestamp = now
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, 'Z');
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
