/**
 * webhook.md: "retried after 5 s, 30 s, 2 min, 10 min, 1 h, then every 6 h for 3 days".
 * Delays are nominal (the real CLM's); the delivery engine divides them by its speed-up factor.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const RETRY_DELAYS_MS: readonly number[] = [5_000, 30_000, 2 * MINUTE, 10 * MINUTE, HOUR, ...Array.from({ length: (3 * 24) / 6 }, () => 6 * HOUR)];

/** Nominal answer time-out of the receiver: "no answer in 10 s" is a failed attempt. */
export const ANSWER_TIMEOUT_MS = 10_000;

/** The nominal wait before retry number `failedAttempts` (1 after the first failure), or undefined: give up. */
export function retryDelayMs(failedAttempts: number): number | undefined {
  return RETRY_DELAYS_MS[failedAttempts - 1];
}
