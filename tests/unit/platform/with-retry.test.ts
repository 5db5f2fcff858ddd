import fc from 'fast-check';
import { AttemptTimeoutError, parseRetryAfter, type RetryPolicy, withRetry } from '../../../functions/src/adapters/resilience';
import { UnavailableError } from '../../../functions/src/services/errors';

/** An HTTP failure shaped as axios reports it. */
function httpError(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), { response: { status, headers } });
}

function policy(over: Partial<RetryPolicy> = {}) {
  const waits: number[] = [];
  const p: RetryPolicy = {
    service: 'clm',
    maxAttempts: 4,
    timeoutMs: 5_000,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    retryAfterCapSeconds: 30,
    sleep: async (ms) => void waits.push(ms),
    now: () => Date.UTC(2026, 0, 1),
    random: () => 0.5,
    ...over,
  };
  return { p, waits };
}

/** Fails with the given errors in turn, then answers 'ok'. */
function scripted(errors: unknown[]) {
  let calls = 0;
  const op = async () => {
    const e = errors[calls++];
    if (e !== undefined) throw e;
    return 'ok';
  };
  return { op, calls: () => calls };
}

const failureArb = fc.oneof(
  fc.constantFrom(500, 502, 503, 504, 408).map((s) => httpError(s)),
  fc.nat({ max: 20 }).map((s) => httpError(429, { 'Retry-After': String(s) })),
  fc.constant(Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
);

describe('withRetry', () => {
  it('never makes more than maxAttempts attempts, whatever the failures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(failureArb, { maxLength: 10 }), async (maxAttempts, failures) => {
        const { p } = policy({ maxAttempts });
        const s = scripted(failures);
        const result = await withRetry(s.op, p).catch((e: unknown) => e);
        expect(s.calls()).toBeLessThanOrEqual(maxAttempts);
        if (failures.length < maxAttempts) expect(result).toBe('ok');
        else expect(result).toBeInstanceOf(UnavailableError);
      }),
    );
  });

  it('never waits less than the Retry-After of a 429', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 3 }), fc.double({ min: 0, max: 0.999, noNaN: true }), async (seconds, r) => {
        const { p, waits } = policy({ random: () => r });
        const s = scripted(seconds.map((x) => httpError(429, { 'retry-after': String(x) })));
        await expect(withRetry(s.op, p)).resolves.toBe('ok');
        seconds.forEach((x, i) => expect(waits[i]).toBeGreaterThanOrEqual(x * 1000));
      }),
    );
  });

  it('never retries a 4xx other than 408 and 429, and rethrows it untouched', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 400, max: 499 }).filter((s) => s !== 408 && s !== 429),
        async (status) => {
          const { p, waits } = policy();
          const error = httpError(status);
          const s = scripted([error]);
          await expect(withRetry(s.op, p)).rejects.toBe(error);
          expect(s.calls()).toBe(1);
          expect(waits).toEqual([]);
        },
      ),
    );
  });

  it('backs off within the exponential ceiling (full jitter) on 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 0.999, noNaN: true }), async (r) => {
        const { p, waits } = policy({ random: () => r, maxAttempts: 5 });
        const s = scripted([httpError(500), httpError(502), httpError(504), httpError(503)]);
        await expect(withRetry(s.op, p)).resolves.toBe('ok');
        waits.forEach((w, i) => {
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThanOrEqual(Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** i));
        });
      }),
    );
  });

  it('ends in UnavailableError naming the service and carrying the last Retry-After', async () => {
    const { p } = policy({ maxAttempts: 2, service: 'dataverse' });
    const s = scripted([httpError(429, { 'Retry-After': '7' }), httpError(429, { 'Retry-After': '9' })]);
    const e = (await withRetry(s.op, p).catch((x: unknown) => x)) as UnavailableError;
    expect(e).toBeInstanceOf(UnavailableError);
    expect(e.status).toBe(503);
    expect(e.service).toBe('dataverse');
    expect(e.retryAfterSeconds).toBe(9);
    expect(e.message).toMatch(/Dataverse/);
  });

  it('does not hold the request for a Retry-After beyond the cap: 503 at once with that Retry-After', async () => {
    const { p, waits } = policy({ retryAfterCapSeconds: 10 });
    const s = scripted([httpError(429, { 'Retry-After': '120' })]);
    const e = (await withRetry(s.op, p).catch((x: unknown) => x)) as UnavailableError;
    expect(e).toBeInstanceOf(UnavailableError);
    expect(e.retryAfterSeconds).toBe(120);
    expect(s.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('within a budget (an interactive call: 30 s), attempts get what is left and no retry starts that could not end in time', async () => {
    let clock = 0;
    const timeouts: number[] = [];
    const { p } = policy({ maxAttempts: 4, timeoutMs: 30_000, budgetMs: 30_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
    const e = await withRetry(async (attempt) => {
      timeouts.push(30_000 - clock);
      clock += Math.min(12_000, 30_000 - clock); // hangs 12 s before its socket fails, unless its time-out (what is left) comes first
      void attempt;
      throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    }, p).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnavailableError);
    expect(clock).toBeLessThanOrEqual(30_000);
    expect(timeouts.length).toBeLessThan(4);
  });

  it('says what happened to a call that got no answer: refused is not timed out', async () => {
    const { p } = policy({ maxAttempts: 2 });
    const fail = async (e: unknown) => ((await withRetry(scripted([e, e]).op, p).catch((x: unknown) => x)) as UnavailableError).message;
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    expect(await fail(code('ECONNREFUSED'))).toBe('The CLM refused the connection (is it running?) (2 attempts); please try again later.');
    expect(await fail(code('ECONNRESET'))).toMatch(/closed the connection before answering/);
    expect(await fail(code('ENOTFOUND'))).toMatch(/could not be found/);
    expect(await fail(new AttemptTimeoutError(5000))).toMatch(/did not answer in time/);
    expect(await fail(code('ECONNABORTED'))).toMatch(/did not answer in time/);
  });

  it('times out an attempt that never answers, aborts its signal, and tries again', async () => {
    const { p } = policy({ timeoutMs: 20 });
    const signals: AbortSignal[] = [];
    let n = 0;
    const result = await withRetry(async (attempt) => {
      signals.push(attempt.signal);
      if (++n === 1) return new Promise<string>(() => undefined); // hangs forever
      return 'ok';
    }, p);
    expect(result).toBe('ok');
    expect(signals[0].aborted).toBe(true);
    expect(signals[0].reason).toBeInstanceOf(AttemptTimeoutError);
  });

  it('reads Retry-After from DynamicsWebApi errors (status + lower-case node headers)', async () => {
    const { p, waits } = policy();
    const dwaError = Object.assign(new Error('Too many requests'), { status: 429, headers: { 'retry-after': '3' }, code: '0x80072322' });
    const s = scripted([dwaError]);
    await expect(withRetry(s.op, p)).resolves.toBe('ok');
    expect(waits[0]).toBeGreaterThanOrEqual(3000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads delay-seconds and HTTP-dates (RFC 9110)', () => {
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(['2'], now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores what is neither form', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
