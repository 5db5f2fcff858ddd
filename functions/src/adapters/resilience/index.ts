/** Resilient remote calls: time-out per attempt, Retry-After, back-off with jitter, bounded. */
export { withRetry, realSleep } from './with-retry';
export type { RetryPolicy } from './with-retry';
export { AttemptTimeoutError } from './timeout';
export { parseRetryAfter } from './retry-after';
export { readHttpFailure, classifyHttpFailure, classifyUnsafe } from './http-failure';
export type { FailureKind } from './http-failure';
export { outageRetry } from './outage-retry';
export { httpExchange, validAnswer } from './http-exchange';
export { guardedBody } from './guarded-body';
