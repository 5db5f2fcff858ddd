import { decodeQueueEvents, encodeMessage, StorageWebhookEventQueue } from '../../../functions/src/adapters/storage/event-queue';
import type { GroupingWebhookEventQueue, QueuedWebhookEvent } from '../../../functions/src/services/ports';
import { GroupCommitQueue } from '../../../functions/src/services/webhooks/group-commit-queue';
import { GroupCommitter } from '../../../functions/src/services/webhooks/group-committer';

/** A write the test completes by hand, to place arrivals "during" it. */
function controlledWrites<T>() {
  const calls: { group: T[]; resolve(): void; reject(e: Error): void }[] = [];
  const write = (group: T[]) => new Promise<void>((resolve, reject) => void calls.push({ group, resolve, reject }));
  return { calls, write };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Each caller's settled result, in submission order. */
function track(p: Promise<void>): { state: string } {
  const t = { state: 'pending' };
  p.then(
    () => (t.state = 'ok'),
    (e: Error) => (t.state = `failed: ${e.message}`),
  );
  return t;
}

describe('GroupCommitter', () => {
  it('writes a lone item at once, with no timer', () => {
    const { calls, write } = controlledWrites<number>();
    const c = new GroupCommitter({ write, cost: () => 1, maxItems: 10, maxCost: 100 });
    void c.submit(1);
    // Synchronously: no setTimeout, not even a microtask, between submit and the write.
    expect(calls.map((w) => w.group)).toEqual([[1]]);
  });

  it('groups what arrives during a write, in arrival order, and settles each caller with its own write', async () => {
    const { calls, write } = controlledWrites<number>();
    const c = new GroupCommitter({ write, cost: () => 1, maxItems: 10, maxCost: 100 });
    const r = [1, 2, 3, 4].map((i) => track(c.submit(i)));
    expect(calls.map((w) => w.group)).toEqual([[1]]);
    expect(c.waiting).toBe(3);
    calls[0].resolve();
    await tick();
    expect(r.map((t) => t.state)).toEqual(['ok', 'pending', 'pending', 'pending']);
    expect(calls.map((w) => w.group)).toEqual([[1], [2, 3, 4]]);
    const late = track(c.submit(5));
    calls[1].resolve();
    await tick();
    expect(r.map((t) => t.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(late.state).toBe('pending');
    expect(calls.map((w) => w.group)).toEqual([[1], [2, 3, 4], [5]]);
    calls[2].resolve();
    await tick();
    expect(late.state).toBe('ok');
  });

  it('a failed write fails exactly its group; the groups before and after are kept', async () => {
    const { calls, write } = controlledWrites<number>();
    const c = new GroupCommitter({ write, cost: () => 1, maxItems: 10, maxCost: 100 });
    const first = track(c.submit(1));
    const group = [2, 3].map((i) => track(c.submit(i)));
    calls[0].resolve();
    await tick();
    const after = track(c.submit(4));
    calls[1].reject(new Error('storage down'));
    await tick();
    expect(first.state).toBe('ok');
    expect(group.map((t) => t.state)).toEqual(['failed: storage down', 'failed: storage down']);
    expect(after.state).toBe('pending');
    expect(calls[2].group).toEqual([4]);
    calls[2].resolve();
    await tick();
    expect(after.state).toBe('ok');
  });

  it('a write that throws synchronously fails its group too, and the committer keeps going', async () => {
    let n = 0;
    const c = new GroupCommitter<number>({
      write: (g) => {
        if (n++ === 0) throw new Error('boom');
        return Promise.resolve(void g);
      },
      cost: () => 1,
      maxItems: 10,
      maxCost: 100,
    });
    await expect(c.submit(1)).rejects.toThrow('boom');
    await expect(c.submit(2)).resolves.toBeUndefined();
  });

  it('caps a group in items and in cost, keeping arrival order across groups', async () => {
    const { calls, write } = controlledWrites<{ id: number; size: number }>();
    const c = new GroupCommitter({ write, cost: (x) => x.size, maxItems: 3, maxCost: 10 });
    const items = [1, 1, 1, 1, 1, 4, 4, 4, 1].map((size, id) => ({ id, size }));
    const r = items.map((x) => track(c.submit(x)));
    for (let i = 0; calls.length > i; i++) {
      calls[i].resolve();
      await tick();
    }
    const groups = calls.map((w) => w.group.map((x) => x.id));
    expect(groups).toEqual([[0], [1, 2, 3], [4, 5, 6], [7, 8]]);
    for (const w of calls) {
      expect(w.group.length).toBeLessThanOrEqual(3);
      expect(w.group.reduce((s, x) => s + x.size, 0)).toBeLessThanOrEqual(10);
    }
    expect(r.every((t) => t.state === 'ok')).toBe(true);
  });

  it('refuses an item larger than a group', async () => {
    const c = new GroupCommitter<number>({ write: async () => undefined, cost: (x) => x, maxItems: 3, maxCost: 10 });
    await expect(c.submit(11)).rejects.toBeInstanceOf(RangeError);
  });

  it('with two writes allowed, a second write starts only for a full group', async () => {
    const { calls, write } = controlledWrites<number>();
    const c = new GroupCommitter({ write, cost: () => 1, maxItems: 2, maxCost: 100, maxInFlight: 2 });
    void c.submit(1); // written at once
    void c.submit(2); // a partial group: waits for the write in flight
    expect(calls).toHaveLength(1);
    void c.submit(3); // now a full group [2, 3]: written beside the first
    expect(calls.map((w) => w.group)).toEqual([[1], [2, 3]]);
    void c.submit(4);
    void c.submit(5); // full, but two writes are in flight already
    expect(calls).toHaveLength(2);
    calls[0].resolve();
    await tick();
    expect(calls.map((w) => w.group)).toEqual([[1], [2, 3], [4, 5]]);
  });
});

describe('GroupCommitQueue over a grouping queue', () => {
  const ev = (id: string, body = '{}'): QueuedWebhookEvent => ({ webhookId: id, receivedAt: '2026-11-22T10:00:00.000Z', body });

  function fakeQueue(capacity: number) {
    const writes: string[][] = [];
    let release: (() => void)[] = [];
    const q: GroupingWebhookEventQueue = {
      groupCapacity: capacity,
      groupCost: (e) => e.body.length,
      enqueue: (e) => new Promise<void>((r) => void (writes.push([e.webhookId]), release.push(r))),
      enqueueGroup: (g) => new Promise<void>((r) => void (writes.push(g.map((e) => e.webhookId)), release.push(r))),
    };
    const releaseAll = async () => {
      const now = release;
      release = [];
      now.forEach((r) => r());
      await tick();
    };
    return { q, writes, releaseAll };
  }

  it('a lone event is a single-event write, concurrent ones share a group write, and an oversized one goes alone at once', async () => {
    const { q, writes, releaseAll } = fakeQueue(100);
    const queue = new GroupCommitQueue(q);
    const done = [queue.enqueue(ev('a')), queue.enqueue(ev('b')), queue.enqueue(ev('c')), queue.enqueue(ev('big', 'x'.repeat(101)))];
    expect(writes).toEqual([['a'], ['big']]);
    await releaseAll();
    expect(writes).toEqual([['a'], ['big'], ['b', 'c']]);
    await releaseAll();
    await expect(Promise.all(done)).resolves.toBeDefined();
  });
});

describe('the group queue message', () => {
  const q = new StorageWebhookEventQueue(
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;',
  );
  const ev = (i: number, body: string): QueuedWebhookEvent => ({ webhookId: `evt_${i}`, receivedAt: '2026-11-22T10:00:00.000Z', body });

  it('round-trips, in order, through every form the runtime hands over', () => {
    const events = [ev(1, '{"a":"é"}'), ev(2, '{"b":"\\"q\\""}')];
    const text = encodeMessage({ v: 2, events });
    const expected = events.map((e) => ({ v: 1, ...e }));
    expect(decodeQueueEvents(text)).toEqual(expected);
    expect(decodeQueueEvents(JSON.parse(Buffer.from(text, 'base64').toString('utf8')))).toEqual(expected);
    expect(decodeQueueEvents(Buffer.from(text, 'base64').toString('utf8'))).toEqual(expected);
  });

  it('still reads the single-event message written before grouping', () => {
    const m = { v: 1 as const, webhookId: 'evt_1', receivedAt: '2026-11-22T10:00:00.000Z', bodyBlob: 'evt_1-1.json' };
    expect(decodeQueueEvents(encodeMessage(m))).toEqual([m]);
  });

  it('refuses a group that is empty or holds a claim check', () => {
    expect(() => decodeQueueEvents({ v: 2, events: [] })).toThrow();
    expect(() => decodeQueueEvents({ v: 2, events: [{ webhookId: 'e', receivedAt: 'x', bodyBlob: 'b' }] })).toThrow();
  });

  it('a group filled to groupCapacity by groupCost stays within a queue message (64 KiB, base64 included)', () => {
    // Multi-byte and escaped characters: the cost must count encoded bytes, not characters.
    const body = JSON.stringify({ note: 'é"\\'.repeat(60) });
    const events: QueuedWebhookEvent[] = [];
    let cost = 0;
    for (let i = 0; cost + q.groupCost(ev(i, body)) <= q.groupCapacity; i++) {
      events.push(ev(i, body));
      cost += q.groupCost(ev(i, body));
    }
    expect(events.length).toBeGreaterThan(50);
    expect(encodeMessage({ v: 2, events }).length).toBeLessThanOrEqual(60 * 1024);
  });
});
