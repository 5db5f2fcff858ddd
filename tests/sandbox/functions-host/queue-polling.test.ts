/**
 * The dev host polls queues as the Functions runtime does: host.json's
 * `extensions.queues.maxPollingInterval` (a TimeSpan, default one minute, at least 100 ms) bounds
 * the randomized exponential back-off of an idle queue; 100 ms after a poll that found work.
 */
import { HOST_JSON, queueSettings, readQueueSettings, timeSpanMs } from '../../../sandbox/functions-host/host-json';
import { PollingDelay } from '../../../sandbox/functions-host/polling-delay';

test('TimeSpan strings as host.json writes them', () => {
  expect(timeSpanMs('00:00:02')).toBe(2000);
  expect(timeSpanMs('00:00:00.100')).toBe(100);
  expect(timeSpanMs('00:01:00')).toBe(60_000);
  expect(timeSpanMs('1.00:00:00')).toBe(86_400_000);
  expect(() => timeSpanMs('2000')).toThrow(/TimeSpan/);
});

test('no setting is the runtime default of one minute; below 100 ms is refused', () => {
  expect(queueSettings({ version: '2.0' }).maxPollingIntervalMs).toBe(60_000);
  expect(queueSettings({ extensions: { queues: { maxPollingInterval: '00:00:05' } } }).maxPollingIntervalMs).toBe(5000);
  expect(() => queueSettings({ extensions: { queues: { maxPollingInterval: '00:00:00.050' } } })).toThrow(/minimum/);
});

test("the connector's host.json keeps an idle webhook queue polled at least every second", () => {
  expect(HOST_JSON).toMatch(/functions[\\/]host\.json$/);
  expect(readQueueSettings().maxPollingIntervalMs).toBeLessThanOrEqual(1000);
});

test('waits: about 200 ms after the first empty poll, growing to the maximum, 100 ms after work', () => {
  const mid = () => 0.5; // no randomization
  const d = new PollingDelay(1000, mid);
  expect([d.next(false), d.next(false), d.next(false), d.next(false), d.next(false), d.next(false)]).toEqual([200, 300, 500, 900, 1000, 1000]);
  expect(d.next(true)).toBe(100);
  expect(d.next(false)).toBe(200);
  // +/-20 % at random, never beyond the maximum.
  const low = new PollingDelay(60_000, () => 0);
  const high = new PollingDelay(60_000, () => 0.999999);
  expect(low.next(false)).toBeCloseTo(180);
  expect(high.next(false)).toBeCloseTo(220);
  const long = new PollingDelay(60_000, Math.random);
  const waits = Array.from({ length: 40 }, () => long.next(false));
  expect(Math.max(...waits)).toBe(60_000);
});
