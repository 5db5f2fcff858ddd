/** The CLM adapter: the REST client, its schemas and errors, and the token refresh grant. */
export { ClmClient } from './client';
export { ClmAnswerError, ClmHttpError, ClmRequestError, ClmVersionConflictError, toServiceError as clmToServiceError } from './errors';
export * from './schemas';
export { createClm } from './create-clm';
export type { Clm, ClmOverrides } from './create-clm';
