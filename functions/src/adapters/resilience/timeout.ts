/** One attempt that took longer than the policy's `timeoutMs`. */
export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * Runs `operation` with an AbortSignal that fires after `timeoutMs`, and rejects with
 * AttemptTimeoutError at that moment even if the operation ignores the signal (a client that
 * does not support aborting must not hold the request hostage).
 */
export async function withTimeout<T>(operation: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AttemptTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([operation(controller.signal), timedOut]);
  } catch (e) {
    // An abort surfaces in clients as their own "canceled" error: report it as the time-out it was.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
