/** Resilient remote calls: time-out per attempt, Retry-After, back-off with jitter, bounded. */
export { withRetry, backoffDelay, realSleep } from './with-retry';
export type { RetryPolicy, RetryInfo, Attempt, Service } from './with-retry';
export { withTimeout, AttemptTimeoutError } from './timeout';
export { parseRetryAfter } from './retry-after';
export { readHttpFailure, classifyHttpFailure } from './http-failure';
export type { HttpFailure, FailureKind } from './http-failure';
export { outageRetry } from './outage-retry';
