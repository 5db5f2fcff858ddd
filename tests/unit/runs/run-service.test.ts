/** The long-run rules (services/runs/README.md) on an in-memory store with the Table store's conditions. */
import { ConflictError } from '../../../functions/src/services/errors';
import { RunChangedError } from '../../../functions/src/services/runs/ports';
import type { RunContext } from '../../../functions/src/services/runs/run-context';
import { RunService, type RunWorker } from '../../../functions/src/services/runs/run-service';
import { ListQueue, MemoryRunStore } from './memory-run-store';

/**
 * A clock of the test's own: `sleep` (a worker waiting out a live lease) moves it on and fires the
 * lease timers that fall due, except those of an instance the test has killed (a dead process
 * renews nothing). `advance` moves it without firing anything (time passing with every host down).
 */
function setup(worker: RunWorker, opts: { staleAfterMs?: number; leaseMs?: number } = {}) {
  let now = Date.parse('2026-11-30T10:00:00Z');
  const store = new MemoryRunStore();
  const queue = new ListQueue();
  const timers: { owner: string; tick: () => void; every: number; next: number; live: boolean }[] = [];
  const dead = new Set<string>();
  const fire = async (until: number) => {
    for (;;) {
      const due = timers.filter((t) => t.live && !dead.has(t.owner) && t.next <= until).sort((x, y) => x.next - y.next)[0];
      if (!due) break;
      now = Math.max(now, due.next);
      due.next += due.every;
      due.tick();
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    }
    now = Math.max(now, until);
  };
  const make = (id: string) =>
    new RunService({
      store,
      queue,
      workers: { templates: worker },
      instanceId: id,
      now: () => new Date(now),
      staleAfterMs: opts.staleAfterMs ?? 60_000,
      leaseMs: opts.leaseMs ?? 20_000,
      flushMs: 0,
      every: (tick, every) => {
        const t = { owner: id, tick, every, next: now + every, live: true };
        timers.push(t);
        return () => void (t.live = false);
      },
      sleep: (ms) => fire(now + ms),
    });
  return {
    store,
    queue,
    a: make('A'),
    b: make('B'),
    advance: (ms: number) => (now += ms),
    /** Time passes with the hosts that are alive renewing their leases. */
    pass: (ms: number) => fire(now + ms),
    kill: (id: string) => dead.add(id),
  };
}

describe('RunService', () => {
  it('gives one run to many starts at once, on two instances: one queue message, the others join', async () => {
    const { a, b, queue, store } = setup(async () => undefined);
    const results = await Promise.all([
      a.start('templates', {}, 'api'),
      b.start('templates', {}, 'api'),
      a.start('templates', {}, 'timer'),
      b.start('templates', {}, 'api'),
    ]);
    expect(new Set(results.map((r) => r.run.runId)).size).toBe(1);
    expect(results.filter((r) => r.started)).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    expect(store.runs.size).toBe(1); // the losers' runs were removed
  });

  it('runs the worker once, ends succeeded with its counts and progress; a second delivery does nothing', async () => {
    let calls = 0;
    const { a, b, queue } = setup(async (ctx) => {
      calls++;
      ctx.count('created', 3);
      await ctx.progress(3, 3);
    });
    const { run } = await a.start('templates', { full: true }, 'api');
    await a.work(queue.messages[0], 'i1');
    await b.work(queue.messages[0], 'i2');
    expect(calls).toBe(1);
    expect(await a.get(run.runId)).toMatchObject({
      state: 'succeeded',
      counts: { created: 3 },
      progress: { done: 3, total: 3 },
      attempt: 1,
      input: { full: true },
    });
    // Finished: the next start makes a new run.
    expect((await a.start('templates', {}, 'api')).started).toBe(true);
  });

  it('a failing worker fails the run: our errors in their words, anything else without internals', async () => {
    for (const [error, words] of [
      [new ConflictError('3 template(s) could not be written'), /3 template\(s\)/],
      [new Error('ECONNRESET at 10.0.0.4 with token abc'), /unexpected error/],
    ] as const) {
      const { a, queue } = setup(async () => {
        throw error;
      });
      const { run } = await a.start('templates', {}, 'api');
      await a.work(queue.messages[0], 'i1');
      const failed = (await a.get(run.runId))!;
      expect(failed.state).toBe('failed');
      expect(failed.errors.at(-1)!.message).toMatch(words);
      expect(JSON.stringify(failed)).not.toContain('abc');
    }
  });

  it('a killed worker is taken over when the message comes back, though it reported no progress for longer than its lease; the zombie cannot write afterwards', async () => {
    let zombie: RunContext | undefined;
    let release: () => void = () => undefined;
    const { a, b, queue, pass, kill } = setup(async (ctx) => {
      if (!zombie) {
        zombie = ctx;
        await ctx.progress(1);
        await new Promise<void>((r) => (release = r)); // a long step with no progress; killed here
        await ctx.progress(2); // ...and wakes up after the take-over
        return;
      }
      ctx.count('created', 10);
    });
    const { run } = await a.start('templates', {}, 'api');
    const first = a.work(queue.messages[0], 'dies');
    await new Promise((r) => setImmediate(r));
    // Alive, silent for three leases, its lease renewed by the timer: a second delivery is dropped.
    await pass(60_000);
    await b.work(queue.messages[0], 'early');
    expect((await b.get(run.runId))!).toMatchObject({ state: 'running', workerId: 'A/dies', attempt: 1 });
    // Killed: its lease is no longer renewed. The message that comes back (still within the lease) waits it out and takes over.
    kill('A');
    await b.work(queue.messages[0], 'takes-over');
    expect(await b.get(run.runId)).toMatchObject({ state: 'succeeded', attempt: 2, workerId: 'B/takes-over', counts: { created: 10 } });
    release();
    await first; // RunLostError is swallowed: the dead worker stops without writing
    expect(await b.get(run.runId)).toMatchObject({ state: 'succeeded', workerId: 'B/takes-over', progress: { done: 0 } }); // not 2: the zombie's write was refused
  });

  it('a take-over starts from the counts saved with the checkpoint, so nothing is counted twice', async () => {
    let attempt = 0;
    const { a, b, queue, kill, advance } = setup(async (ctx) => {
      attempt++;
      const from = (ctx.checkpoint as number | undefined) ?? 0;
      for (let i = from; i < 10; i++) {
        ctx.count('created');
        if (i % 4 === 3) await ctx.save(i + 1);
        await ctx.progress(i + 1, 10);
        if (attempt === 1 && i === 6) await new Promise<void>(() => undefined); // killed after 7, checkpoint at 4
      }
    });
    const { run } = await a.start('templates', {}, 'api');
    void a.work(queue.messages[0], 'dies');
    await new Promise((r) => setImmediate(r));
    kill('A');
    advance(25_000);
    await b.work(queue.messages[0], 'takes-over');
    expect(await b.get(run.runId)).toMatchObject({ state: 'succeeded', attempt: 2, counts: { created: 10 }, progress: { done: 10, total: 10 } });
  });

  it('a GET never fails a run whose message may still come back: only once the lease ran out longer ago than staleAfterMs', async () => {
    const { a, b, queue, kill, advance } = setup(async (ctx) => {
      if (ctx.attempt === 1) await new Promise<void>(() => undefined);
    });
    const { run } = await a.start('templates', {}, 'api');
    void a.work(queue.messages[0], 'dies');
    await new Promise((r) => setImmediate(r));
    kill('A');
    advance(20_000 + 59_000); // lease (20 s) out, and 59 s of the 60 s the queue may take
    expect((await a.get(run.runId))!.state).toBe('running');
    expect((await a.list('templates'))[0].state).toBe('running');
    await b.work(queue.messages[0], 'takes-over');
    expect((await a.get(run.runId))!).toMatchObject({ state: 'succeeded', attempt: 2 });
  });

  it('parallel tasks reporting at once never collide: one write in flight, the run never lost', async () => {
    const { a, queue, store } = setup(async (ctx) => {
      await Promise.all(
        Array.from({ length: 8 }, async (_x, t) => {
          for (let i = 0; i < 50; i++) {
            ctx.count('updated');
            await ctx.progress(t * 50 + i);
            await new Promise((r) => setImmediate(r));
          }
        }),
      );
    });
    let inFlight = 0;
    let most = 0;
    const replace = store.replace.bind(store);
    store.replace = async (r, etag) => {
      most = Math.max(most, ++inFlight);
      await new Promise((res) => setImmediate(res));
      try {
        return await replace(r, etag);
      } finally {
        inFlight--;
      }
    };
    const { run } = await a.start('templates', {}, 'api');
    await a.work(queue.messages[0], 'i');
    expect(await a.get(run.runId)).toMatchObject({ state: 'succeeded', counts: { updated: 400 } });
    expect(most).toBe(1);
  });

  it("a 412 answering a storage retry of the worker's own write that landed unseen does not lose the run", async () => {
    const { a, queue, store } = setup(async (ctx) => {
      await ctx.progress(1);
      await ctx.progress(2);
    });
    const replace = store.replace.bind(store);
    let n = 0;
    store.replace = async (r, etag) => {
      const answer = await replace(r, etag);
      if (++n === 2) throw new RunChangedError(); // the write landed; the retry was refused
      return answer;
    };
    const { run } = await a.start('templates', {}, 'api');
    await a.work(queue.messages[0], 'i');
    expect(await a.get(run.runId)).toMatchObject({ state: 'succeeded', progress: { done: 2 } });
  });

  it('a silent run with no message left is failed by the next GET or start, which then starts anew', async () => {
    const { a, queue, advance, kill } = setup(async () => new Promise<void>(() => undefined));
    const { run } = await a.start('templates', {}, 'api');
    void a.work(queue.messages[0], 'dies');
    await new Promise((r) => setImmediate(r));
    kill('A');
    advance(20_000 + 30_000);
    expect((await a.get(run.runId))!.state).toBe('running');
    advance(31_000);
    const next = await a.start('templates', {}, 'api');
    expect(next.started).toBe(true);
    expect((await a.get(run.runId))!).toMatchObject({ state: 'failed' });
    expect((await a.get(run.runId))!.errors.at(-1)!.message).toMatch(/stopped responding/);
  });

  it('gives up after three workers on one run', async () => {
    const { a, queue, advance, kill } = setup(async () => new Promise<void>(() => undefined));
    kill('A');
    const { run } = await a.start('templates', {}, 'api');
    for (let i = 0; i < 3; i++) {
      void a.work(queue.messages[0], `w${i}`);
      await new Promise((r) => setImmediate(r));
      advance(21_000);
    }
    await a.work(queue.messages[0], 'w3');
    expect((await a.get(run.runId))!).toMatchObject({ state: 'failed', attempt: 3 });
  });

  it('keeps runs 30 days: a finished run removes the older ones of its kind', async () => {
    const { a, queue, store } = setup(async () => undefined);
    await a.start('templates', {}, 'api');
    await a.work(queue.messages[0], 'i');
    expect(store.removedBounds).toEqual([
      'templates-' + String(9_999_999_999_999 - (Date.parse('2026-11-30T10:00:00Z') - 30 * 24 * 3600_000)).padStart(13, '0'),
    ]);
  });

  it('drops a message that is not one (and never throws for it)', async () => {
    const { a } = setup(async () => undefined);
    await expect(a.work({ v: 1, kind: 'templates', runId: 'x' }, 'i')).resolves.toBeUndefined();
    await expect(a.work('not json', 'i')).resolves.toBeUndefined();
  });
});
