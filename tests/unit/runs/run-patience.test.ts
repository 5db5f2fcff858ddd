/**
 * A long run's patience with a CLM outage (services/runs/run-patience.ts): one outage shared by the
 * run's calls, waited out up to the patience, then given back as it was (refused stays refused).
 */
import { ClmConnectionBrokenError, UnavailableError } from '../../../functions/src/services/errors';
import { RunPatience } from '../../../functions/src/services/runs/run-patience';

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

const refused = () => new UnavailableError('The CLM refused the connection (is it running?) (4 attempts); please try again later.', 1, 'clm');

test('a call failing for less than the patience is tried again until it answers', async () => {
  const c = clock();
  const patience = new RunPatience({ patienceMs: 60_000, ...c });
  let calls = 0;
  const value = await patience.call(async () => {
    calls += 1;
    if (c.now() < 5_000) throw refused();
    return 'ok';
  });
  expect(value).toBe('ok');
  expect(calls).toBeGreaterThan(1);
  expect(c.now()).toBeLessThan(60_000);
});

test('an outage longer than the patience gives back the last error as it was, and the calls after it get one try each', async () => {
  const c = clock();
  const patience = new RunPatience({ patienceMs: 60_000, ...c });
  await expect(patience.call(() => Promise.reject(refused()))).rejects.toThrow('refused the connection');
  expect(c.now()).toBeGreaterThanOrEqual(60_000);
  const spentAt = c.now();
  let calls = 0;
  await expect(
    patience.call(() => {
      calls += 1;
      return Promise.reject(refused());
    }),
  ).rejects.toThrow('refused the connection');
  expect(calls).toBe(1);
  expect(c.now()).toBe(spentAt); // no more waiting
  // The CLM answers again: the next outage gets the whole patience.
  await patience.call(() => Promise.resolve(1));
  let again = 0;
  await patience.call(async () => {
    again += 1;
    if (again < 3) throw refused();
  });
  expect(again).toBe(3);
});

test('the patience is the run’s: an outage that began for one call counts for the others', async () => {
  const c = clock();
  const patience = new RunPatience({ patienceMs: 10_000, ...c });
  await expect(patience.call(() => Promise.reject(refused()))).rejects.toThrow();
  const t = c.now();
  let calls = 0;
  await expect(
    patience.call(() => {
      calls += 1;
      return Promise.reject(refused());
    }),
  ).rejects.toThrow();
  expect(calls).toBe(1);
  expect(c.now()).toBe(t);
});

test('a set-up problem (CLM tokens refused) and any other error are not waited out', async () => {
  const c = clock();
  const patience = new RunPatience({ patienceMs: 60_000, ...c });
  await expect(patience.call(() => Promise.reject(new ClmConnectionBrokenError()))).rejects.toBeInstanceOf(ClmConnectionBrokenError);
  await expect(patience.call(() => Promise.reject(new Error('400')))).rejects.toThrow('400');
  expect(c.now()).toBe(0);
});

test('a call that keeps failing while others are answered is its own failure: given back after one pause', async () => {
  const c = clock();
  const patience = new RunPatience({ patienceMs: 60_000, ...c });
  let calls = 0;
  const failing = patience.call(() => {
    calls += 1;
    return Promise.reject(refused());
  });
  await patience.call(() => Promise.resolve('another user, answered')); // during the first pause
  await expect(failing).rejects.toThrow('refused the connection');
  expect(calls).toBe(2);
  expect(c.now()).toBeLessThan(60_000);
});

describe('a call about one user (provisioning) names a probe about no one', () => {
  const failedForUser = () => new UnavailableError('The CLM answered HTTP 500 (5 attempts); please try again later.', 1, 'scim', { status: 500 });
  const throttled = (s: number) => new UnavailableError('The CLM is throttling (5 attempts); please try again later.', s, 'scim', { status: 429 });

  test('the probe answered: the failure is that user own, given back at once after the call own retries, no wait', async () => {
    const c = clock();
    const patience = new RunPatience({ patienceMs: 60_000, ...c });
    let calls = 0;
    let probes = 0;
    const call = () => {
      calls += 1;
      return Promise.reject(failedForUser());
    };
    await expect(patience.call(call, { probe: async () => void (probes += 1) })).rejects.toThrow('HTTP 500');
    expect({ calls, probes, waited: c.now() }).toEqual({ calls: 1, probes: 1, waited: 0 });
  });

  test('the probe failing too: an outage, waited out until the call answers', async () => {
    const c = clock();
    const patience = new RunPatience({ patienceMs: 60_000, ...c });
    const down = () => c.now() < 5_000;
    let calls = 0;
    const value = await patience.call(
      async () => {
        calls += 1;
        if (down()) throw failedForUser();
        return 'created';
      },
      { probe: async () => (down() ? Promise.reject(failedForUser()) : undefined) },
    );
    expect(value).toBe('created');
    expect(calls).toBeGreaterThan(1);
    expect(c.now()).toBeGreaterThanOrEqual(5_000);
    expect(c.now()).toBeLessThan(60_000);
  });

  test('calls failing in one outage share one probe, and the calls after it within the outage ask none', async () => {
    const c = clock();
    const patience = new RunPatience({ patienceMs: 60_000, ...c });
    let probes = 0;
    const probe = async () => {
      probes += 1;
      if (c.now() < 5_000) throw failedForUser();
    };
    const user = () => patience.call(async () => (c.now() < 5_000 ? Promise.reject(failedForUser()) : 'ok'), { probe });
    expect(await Promise.all([user(), user(), user(), user()])).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(probes).toBe(1);
  });

  test('a 429 waits out its Retry-After within the patience, and no probe can give it back', async () => {
    const c = clock();
    const patience = new RunPatience({ patienceMs: 60_000, ...c });
    let calls = 0;
    let probes = 0;
    const value = await patience.call(
      async () => {
        calls += 1;
        if (calls === 1) throw throttled(3);
        return 'created';
      },
      { probe: async () => void (probes += 1) },
    );
    expect(value).toBe('created');
    expect(probes).toBe(0);
    expect(c.now()).toBeGreaterThanOrEqual(3_000);
  });

  test('a 429 whose Retry-After outlasts the patience is given back at once', async () => {
    const c = clock();
    const patience = new RunPatience({ patienceMs: 60_000, ...c });
    await expect(patience.call(() => Promise.reject(throttled(120)), { probe: async () => undefined })).rejects.toThrow('throttling');
    expect(c.now()).toBe(0);
  });

  test('a probe refused for a set-up reason (the token) gives back that reason, never waited out', async () => {
    const c = clock();
    const patience = new RunPatience({ patienceMs: 60_000, ...c });
    const tokenRefused = new Error('The CLM refused SCIM_TOKEN (HTTP 401).');
    await expect(patience.call(() => Promise.reject(failedForUser()), { probe: () => Promise.reject(tokenRefused) })).rejects.toBe(tokenRefused);
    expect(c.now()).toBe(0);
  });
});
