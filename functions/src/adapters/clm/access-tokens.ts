/** What the CLM client needs from the token store (storage/clm-token-store.ts implements it). */
export interface ClmAccessTokens {
  /**
   * A usable access token for a call to `apiBase` (refreshed first when it expires soon), only when
   * the tokens were taken for its origin (ClmTokensForAnotherOriginError otherwise). Never logged.
   */
  accessTokenFor(apiBase: string): Promise<string>;
  /**
   * A new access token after `failedAccessToken` was refused by `apiBase` (401 invalid_token):
   * another instance's newer token when there is one, else one refresh for the whole app, sent to
   * `apiBase` only when the tokens were taken for its origin.
   */
  refreshFor(apiBase: string, failedAccessToken?: string): Promise<string>;
}
