/** The CLM adapter: the REST client, its schemas and errors, and the token refresh grant. */
export { ClmClient } from './client';
export type { ClmClientOptions } from './client';
export type { ClmAccessTokens } from './access-tokens';
export { clmApiBaseFrom } from './api-base';
export { refreshGrant, InvalidGrantError } from './oauth';
export type { RefreshGrant } from './oauth';
export {
  ClmAnswerError,
  ClmHttpError,
  ClmNetworkError,
  ClmNotConfiguredError,
  ClmRequestError,
  ClmVersionConflictError,
  toServiceError as clmToServiceError,
} from './errors';
export * from './schemas';
export { createClm } from './create-clm';
export type { Clm, ClmOverrides } from './create-clm';
