/**
 * The status panel's change watcher (webresources/pages/contractstatus/change-watcher.ts): how many
 * small requests an open panel makes, and that the full read runs only when something changed.
 */
import { watchChanges } from '../../../webresources/pages/contractstatus/change-watcher';

class FakeDocument {
  visibilityState: DocumentVisibilityState = 'visible';
  private listeners: Array<() => void> = [];
  addEventListener(_type: string, f: () => void) {
    this.listeners.push(f);
  }
  removeEventListener(_type: string, f: () => void) {
    this.listeners = this.listeners.filter((l) => l !== f);
  }
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.listeners.forEach((l) => l());
  }
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function advance(ms: number) {
  await jest.advanceTimersByTimeAsync(ms);
}

test('an idle visible panel asks at most once per 5 s, and reads in full only once', async () => {
  const doc = new FakeDocument();
  let digests = 0;
  let fullReads = 0;
  const w = watchChanges({ digest: async () => (digests++, 'same'), onChange: () => void fullReads++, doc: doc as unknown as Document });
  await advance(60_000);
  // The first check at once, then one every 5 s: 1 + 12 over 60 s, never two within 5 s.
  expect(digests).toBeLessThanOrEqual(13);
  expect(digests).toBeGreaterThanOrEqual(12);
  expect(fullReads).toBe(1);
  w.stop();
});

test('a hidden panel asks every 30 s, and at once when shown again', async () => {
  const doc = new FakeDocument();
  let digests = 0;
  const w = watchChanges({ digest: async () => (digests++, 'same'), onChange: () => undefined, doc: doc as unknown as Document });
  await advance(0);
  doc.set('hidden');
  const before = digests;
  await advance(60_000);
  expect(digests - before).toBe(2);
  doc.set('visible');
  await advance(0);
  expect(digests - before).toBe(3);
  w.stop();
});

test('a change in the digest triggers one full read, within one interval', async () => {
  const doc = new FakeDocument();
  let version = 1;
  let fullReads = 0;
  const w = watchChanges({ digest: async () => String(version), onChange: () => void fullReads++, doc: doc as unknown as Document });
  await advance(0);
  expect(fullReads).toBe(1);
  version = 2;
  await advance(5_050);
  expect(fullReads).toBe(2);
  await advance(20_000);
  expect(fullReads).toBe(2);
  w.stop();
});

test('a failed full read is tried again at the next check', async () => {
  const doc = new FakeDocument();
  let fail = true;
  let fullReads = 0;
  const w = watchChanges({
    digest: async () => 'v1',
    onChange: async () => {
      fullReads++;
      if (fail) throw new Error('network');
    },
    doc: doc as unknown as Document,
  });
  await advance(0);
  fail = false;
  await advance(5_050);
  expect(fullReads).toBe(2);
  await advance(5_050);
  expect(fullReads).toBe(2);
  w.stop();
});
