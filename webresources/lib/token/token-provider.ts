/**
 * How a page gets an access token for the connector API: through msal-browser, as the signed-in
 * Dynamics user (msal-provider.ts). Nothing hands a page its token, in Dynamics or in the sandbox.
 */
export interface TokenProvider {
  /** A bearer token for the connector API; rejects with a TokenError a person can act on. */
  getToken(): Promise<string>;
}

export class TokenError extends Error {}
