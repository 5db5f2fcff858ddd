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
