/**
 * How a page gets an access token for the connector API. In Dynamics: MSAL (msal-provider.ts). In
 * the sandbox's form harness: the harness hands its own provider, same interface, backed by the
 * identity emulator. The page does not know which one it has.
 */
export interface TokenProvider {
  /** A bearer token for the connector API; rejects with a TokenError a person can act on. */
  getToken(): Promise<string>;
}

export class TokenError extends Error {}

/** Where the harness puts its provider: on the app window that also holds Xrm (one level up). */
export const HARNESS_PROVIDER_GLOBAL = 'DiliTrustCLMTokenProvider';
