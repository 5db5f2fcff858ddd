/**
 * The one fetch every page call goes through: a time-out, bounded retries (429 waits out
 * Retry-After; 5xx and network failures back off with jitter) and nothing else. Web resources
 * cannot import functions/ (its withRetry is Node-side), so the browser keeps this small copy of
 * the same rules.
 */

export interface FetchPolicy {
  timeoutMs: number;
  /** Attempts after the first. Only for requests that are safe to repeat (GET, or a POST with an idempotency key). */
  retries: number;
}

const DEFAULT_POLICY: FetchPolicy = { timeoutMs: 30_000, retries: 2 };

/** A request that got no answer (time-out, network down): worded for the person who will read it. */
class NetworkError extends Error {}

const MAX_RETRY_AFTER_MS = 30_000;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function retryAfterMs(res: Response): number {
  const header = res.headers.get('Retry-After');
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 1000;
}

function backoffMs(attempt: number): number {
  return 300 * 2 ** attempt + Math.random() * 300;
}

export async function fetchWithPolicy(url: string, init: RequestInit, policy: FetchPolicy = DEFAULT_POLICY): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
    let res: Response | undefined;
    let failure: unknown;
    try {
      res = await fetch(url, { ...init, signal: controller.signal });
    } catch (e) {
      failure = e;
    } finally {
      clearTimeout(timer);
    }
    const last = attempt >= policy.retries;
    if (res) {
      if (res.status === 429 && !last) {
        await wait(retryAfterMs(res));
        continue;
      }
      if (res.status >= 500 && res.status !== 501 && !last) {
        await wait(backoffMs(attempt));
        continue;
      }
      return res;
    }
    if (last) {
      throw new NetworkError(
        failure instanceof DOMException && failure.name === 'AbortError'
          ? 'The server did not answer in time. Check your connection and try again.'
          : 'The server could not be reached. Check your connection and try again.',
      );
    }
    await wait(backoffMs(attempt));
  }
}
