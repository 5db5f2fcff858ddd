/**
 * The OutageRetry port (services/ports.ts) on the shared retry loop: an operation that failed with
 * UnavailableError (its own remote calls already retried and gave up) is tried again after what
 * the service asked for, until `patienceMs` has passed since the first try; any other error, or
 * one past the patience, is given back unchanged.
 */
import { UnavailableError } from '../../services/errors';
import type { OutageRetry } from '../../services/ports';
import { realSleep, withRetry } from './with-retry';

export interface OutageRetryOptions {
  patienceMs: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** The longest single wait: a queue message's visibility lease is 5 minutes. */
const MAX_WAIT_MS = 30_000;

export function outageRetry(options: OutageRetryOptions): OutageRetry {
  const now = options.now ?? Date.now;
  return (operation, onRetry) => {
    const started = now();
    return withRetry(() => operation(), {
      service: 'dataverse',
      maxAttempts: Number.MAX_SAFE_INTEGER,
      // The operation's own remote calls carry their time-outs; this only stops a hung one.
      timeoutMs: options.patienceMs + 4 * MAX_WAIT_MS,
      baseDelayMs: 1000,
      maxDelayMs: 15_000,
      retryAfterCapSeconds: MAX_WAIT_MS / 1000,
      classify: (error, at) =>
        error instanceof UnavailableError && at - started < options.patienceMs
          ? { kind: 'throttled', retryAfterMs: Math.min(error.retryAfterSeconds * 1000, MAX_WAIT_MS) }
          : { kind: 'final' },
      sleep: options.sleep ?? realSleep,
      now,
      ...(options.random ? { random: options.random } : {}),
      onRetry: ({ attempt, delayMs }) => onRetry({ attempt, delayMs }),
    });
  };
}
