/**
 * The one retry loop every remote call goes through (ARCHITECTURE.md "Every remote call"):
 * - at most `maxAttempts` attempts, each under its own time-out;
 * - 429 (and 503 with Retry-After) waits out `Retry-After`, never less; a Retry-After longer than
 *   `retryAfterCapSeconds` is not waited at all: the caller gets a 503 carrying it at once, since
 *   holding an HTTP request that long helps nobody;
 * - 5xx, 408, time-outs and dropped connections back off exponentially with full jitter
 *   (AWS "Exponential Backoff and Jitter": sleep = random(0, min(max, base * 2^n)));
 * - anything else (400, 401, 404, 409, 412, 422...) is rethrown at once, untouched, for the
 *   adapter to map;
 * - retries exhausted on throttling or outage end in UnavailableError (503 + Retry-After).
 */
import type { RetrySettings } from '../../config';
import { UnavailableError } from '../../services/errors';
import { classifyHttpFailure, type FailureKind, readHttpFailure } from './http-failure';
import { parseRetryAfter } from './retry-after';
import { withTimeout } from './timeout';

type Service = UnavailableError['service'];

export interface RetryPolicy extends RetrySettings {
  service: Service;
  /** How an error is read; default: HTTP status / Retry-After / socket codes (classifyHttpFailure). */
  classify?: (error: unknown, now: number) => FailureKind;
  /** Injectable for tests: waiting and the clock. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** In [0, 1): the jitter. */
  random?: () => number;
  /** Told before each wait (for logs and tests); never given a token. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * All attempts and waits together, for a call a person waits on: connector-api.md's interactive
   * calls answer within 30 s, so an attempt gets only what is left of it, and no retry starts that
   * could not end in time (UnavailableError then). Retries beyond it belong to background work.
   */
  budgetMs?: number;
}

/** The least an attempt is worth starting with, within a budget. */
const MIN_ATTEMPT_MS = 1000;

interface RetryInfo {
  service: Service;
  attempt: number;
  delayMs: number;
  reason: 'throttled' | 'transient';
  status?: number;
}

export interface Attempt {
  /** 1 for the first try. */
  number: number;
  /** Fires when this attempt's time-out elapses: pass it to the client (axios `signal`). */
  signal: AbortSignal;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

const SERVICE_NAMES: Record<Service, string> = {
  dataverse: 'Dataverse',
  clm: 'The CLM',
  storage: 'Azure Storage',
  scim: 'The CLM user directory (SCIM)',
  connector: 'The connector',
};

/** Full-jitter exponential back-off before attempt `n + 1` (n >= 1). */
function backoffDelay(n: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(operation: (attempt: Attempt) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  const now = policy.now ?? Date.now;
  const random = policy.random ?? Math.random;
  const classify = policy.classify ?? ((e: unknown, at: number) => classifyHttpFailure(e, at, parseRetryAfter));
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  const capMs = policy.retryAfterCapSeconds * 1000;
  let lastRetryAfterMs: number | undefined;
  const started = now();
  const left = () => (policy.budgetMs === undefined ? Infinity : policy.budgetMs - (now() - started));

  for (let n = 1; ; n++) {
    let failure: FailureKind;
    let error: unknown;
    try {
      return await withTimeout((signal) => operation({ number: n, signal }), Math.max(1, Math.min(policy.timeoutMs, left())));
    } catch (e) {
      error = e;
      failure = classify(e, now());
    }
    if (failure.kind === 'final') throw error;

    const status = readHttpFailure(error).status;
    let delayMs = backoffDelay(n, policy, random);
    if (failure.kind === 'throttled' && failure.retryAfterMs !== undefined) {
      lastRetryAfterMs = failure.retryAfterMs;
      if (failure.retryAfterMs > capMs) throw unavailable(policy.service, status, n, failure.retryAfterMs, error);
      delayMs = Math.max(delayMs, failure.retryAfterMs);
    }
    if (n >= maxAttempts) throw unavailable(policy.service, status, n, lastRetryAfterMs ?? delayMs, error);
    if (left() - delayMs < MIN_ATTEMPT_MS) throw unavailable(policy.service, status, n, lastRetryAfterMs ?? delayMs, error);
    policy.onRetry?.({ service: policy.service, attempt: n, delayMs, reason: failure.kind, ...(status ? { status } : {}) });
    await sleep(delayMs);
  }
}

/** What happened to a request that got no answer, as it happened: refused is not timed out. */
function unansweredWords(f: { code?: string; timedOut: boolean }): string {
  if (f.timedOut) return 'did not answer in time';
  if (f.code === 'ECONNREFUSED') return 'refused the connection (is it running?)';
  if (f.code === 'ECONNRESET' || f.code === 'EPIPE' || f.code === 'UND_ERR_SOCKET') return 'closed the connection before answering';
  if (f.code === 'ENOTFOUND' || f.code === 'EAI_AGAIN') return 'could not be found (its host name does not resolve)';
  if (f.code === 'EHOSTUNREACH' || f.code === 'ENETUNREACH') return 'could not be reached (no route to it)';
  return 'did not answer in time';
}

function unavailable(service: Service, status: number | undefined, attempts: number, retryAfterMs: number, cause: unknown): UnavailableError {
  const unanswered = readHttpFailure(cause);
  const what = status ? `answered HTTP ${status}` : unansweredWords(unanswered);
  const error = new UnavailableError(
    `${SERVICE_NAMES[service]} ${what} (${attempts} attempt${attempts > 1 ? 's' : ''}); please try again later.`,
    Math.max(1, Math.ceil(retryAfterMs / 1000)),
    service,
    status ? { status } : { timedOut: unanswered.timedOut, ...(unanswered.code ? { code: unanswered.code } : {}) },
  );
  // Kept for logs; the message above is what a person reads and never carries the remote text.
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
