/**
 * The status panel's change watcher (webresources/pages/contractstatus/change-watcher.ts): how many
 * small requests an open panel makes and when (a 5 s grid, start to start), and that the full read
 * runs only when something changed.
 */
import { watchChanges } from '../../../webresources/pages/contractstatus/change-watcher';
import type { Visibility } from '../../../webresources/pages/contractstatus/page-visibility';

class FakeVisibility implements Visibility {
  isHidden = false;
  private listeners: Array<() => void> = [];
  hidden() {
    return this.isHidden;
  }
  subscribe(f: () => void) {
    this.listeners.push(f);
    return () => void (this.listeners = this.listeners.filter((l) => l !== f));
  }
  set(hidden: boolean) {
    this.isHidden = hidden;
    this.listeners.forEach((l) => l());
  }
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A check that records when it started (fake clock) and answers after `latencyMs`. */
function recorder(digest: () => string, latencyMs = () => 0) {
  const starts: number[] = [];
  return {
    starts,
    check: async () => {
      starts.push(Date.now() - 1_000_000);
      const ms = latencyMs();
      if (ms > 0) await sleep(ms);
      return { digest: digest() };
    },
  };
}

test('an idle visible panel checks on a 5 s grid, start to start, and reads in full only once', async () => {
  const r = recorder(() => 'same');
  let fullReads = 0;
  const w = watchChanges({ check: r.check, onChange: () => void fullReads++, visibility: new FakeVisibility() });
  await advance(60_000);
  expect(r.starts).toEqual([0, 5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000, 55000, 60000]);
  expect(fullReads).toBe(1);
  w.stop();
});

test('slow answers do not push the grid back, and two checks never start less than 5 s apart', async () => {
  const latencies = [1200, 300, 6200, 100, 100, 100];
  const r = recorder(
    () => 'same',
    () => latencies.shift() ?? 100,
  );
  const w = watchChanges({ check: r.check, onChange: () => undefined, visibility: new FakeVisibility() });
  await advance(40_000);
  // The 6.2 s answer (started at 10 s) makes the 15 s check overdue: it starts when the answer is in, and the grid goes on from there.
  expect(r.starts.slice(0, 6)).toEqual([0, 5000, 10000, 16200, 21200, 26200]);
  const gaps = r.starts.slice(1).map((t, i) => t - r.starts[i]!);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5000);
  w.stop();
});

test('a hidden panel checks every 30 s, and at once when shown again', async () => {
  const visibility = new FakeVisibility();
  const r = recorder(() => 'same');
  const w = watchChanges({ check: r.check, onChange: () => undefined, visibility });
  await advance(0);
  visibility.set(true);
  const before = r.starts.length;
  await advance(60_000);
  expect(r.starts.length - before).toBe(2);
  visibility.set(false);
  await advance(0);
  expect(r.starts.length - before).toBe(3);
  // The grid starts over from the check made on showing.
  const shownAt = r.starts[r.starts.length - 1]!;
  await advance(5_000);
  expect(r.starts[r.starts.length - 1]).toBe(shownAt + 5000);
  w.stop();
});

test('a change is handed over with its snapshot at the next grid point, and read once', async () => {
  let version = 1;
  const seen: string[] = [];
  const w = watchChanges({
    check: async () => ({ digest: String(version) }),
    onChange: (s) => void seen.push(s.digest),
    visibility: new FakeVisibility(),
  });
  await advance(0);
  expect(seen).toEqual(['1']);
  await advance(1_000);
  version = 2;
  await advance(3_999);
  expect(seen).toEqual(['1']);
  await advance(1);
  expect(seen).toEqual(['1', '2']);
  await advance(20_000);
  expect(seen).toEqual(['1', '2']);
  w.stop();
});

test('a failed full read is tried again at the next check', async () => {
  let fail = true;
  let fullReads = 0;
  const w = watchChanges({
    check: async () => ({ digest: 'v1' }),
    onChange: async () => {
      fullReads++;
      if (fail) throw new Error('network');
    },
    visibility: new FakeVisibility(),
  });
  await advance(0);
  fail = false;
  await advance(5_000);
  expect(fullReads).toBe(2);
  await advance(5_000);
  expect(fullReads).toBe(2);
  w.stop();
});

test('checkNow checks at once and the grid starts over from it', async () => {
  const r = recorder(() => 'same');
  const w = watchChanges({ check: r.check, onChange: () => undefined, visibility: new FakeVisibility() });
  await advance(7_000);
  await w.checkNow();
  await advance(5_000);
  expect(r.starts).toEqual([0, 5000, 7000, 12000]);
  w.stop();
});

test('a timer that fired late does not bring the next start within 5 s of it', async () => {
  // The clock the watcher reads runs 3 ms ahead from just before the second check: that check "starts late".
  let skew = 0;
  const now = () => Date.now() + skew;
  const starts: number[] = [];
  setTimeout(() => (skew = 3), 4_999);
  const w = watchChanges({
    check: async () => (starts.push(now() - 1_000_000), { digest: 'same' }),
    onChange: () => undefined,
    visibility: new FakeVisibility(),
    now,
  });
  await advance(20_000);
  const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5000);
  w.stop();
});
