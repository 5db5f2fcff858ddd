/** What the CLM client needs from the token store (storage/clm-token-store.ts implements it). */
export interface ClmAccessTokens {
  /** A usable access token (refreshed first when it expires soon). Never logged. */
  getAccessToken(): Promise<string>;
  /**
   * A new access token after `failedAccessToken` was refused (401 invalid_token): another
   * instance's newer token when there is one, else one refresh for the whole app.
   */
  refresh(failedAccessToken?: string): Promise<string>;
}
