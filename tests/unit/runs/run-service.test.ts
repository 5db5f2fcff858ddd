/** The long-run rules (services/runs/README.md) on an in-memory store with the Table store's conditions. */
import { ConflictError } from '../../../functions/src/services/errors';
import type { RunContext } from '../../../functions/src/services/runs/run-context';
import { RunService, type RunWorker } from '../../../functions/src/services/runs/run-service';
import { ListQueue, MemoryRunStore } from './memory-run-store';

function setup(worker: RunWorker, opts: { staleAfterMs?: number } = {}) {
  let now = Date.parse('2026-11-30T10:00:00Z');
  const store = new MemoryRunStore();
  const queue = new ListQueue();
  const make = (id: string) =>
    new RunService({
      store,
      queue,
      workers: { templates: worker },
      instanceId: id,
      now: () => new Date(now),
      staleAfterMs: opts.staleAfterMs ?? 60_000,
      flushMs: 0,
    });
  return { store, queue, a: make('A'), b: make('B'), advance: (ms: number) => (now += ms) };
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

  it('a silent worker is taken over when the message comes back; the zombie cannot write afterwards', async () => {
    let zombie: RunContext | undefined;
    let release: () => void = () => undefined;
    const { a, b, queue, advance } = setup(async (ctx) => {
      if (!zombie) {
        zombie = ctx;
        await ctx.progress(1);
        await new Promise<void>((r) => (release = r)); // dies here
        await ctx.progress(2); // ...and wakes up after the take-over
        return;
      }
      ctx.count('created', 10);
    });
    const { run } = await a.start('templates', {}, 'api');
    const first = a.work(queue.messages[0], 'dies');
    await new Promise((r) => setImmediate(r));
    // Alive: a second delivery is dropped.
    await b.work(queue.messages[0], 'early');
    expect((await b.get(run.runId))!).toMatchObject({ state: 'running', workerId: 'A/dies' });
    advance(61_000);
    await b.work(queue.messages[0], 'takes-over');
    expect(await b.get(run.runId)).toMatchObject({ state: 'succeeded', attempt: 2, workerId: 'B/takes-over', counts: { created: 10 } });
    release();
    await first; // RunLostError is swallowed: the dead worker stops without writing
    expect(await b.get(run.runId)).toMatchObject({ state: 'succeeded', workerId: 'B/takes-over', progress: { done: 1 } }); // not 2: the zombie's write was refused
  });

  it('a silent run with no message left is failed by the next GET or start, which then starts anew', async () => {
    const { a, queue, advance } = setup(async () => new Promise<void>(() => undefined));
    const { run } = await a.start('templates', {}, 'api');
    void a.work(queue.messages[0], 'dies');
    await new Promise((r) => setImmediate(r));
    advance(30_000);
    expect((await a.get(run.runId))!.state).toBe('running');
    advance(31_000);
    const next = await a.start('templates', {}, 'api');
    expect(next.started).toBe(true);
    expect((await a.get(run.runId))!).toMatchObject({ state: 'failed' });
    expect((await a.get(run.runId))!.errors.at(-1)!.message).toMatch(/stopped responding/);
  });

  it('gives up after three workers on one run', async () => {
    const { a, queue, advance } = setup(async () => new Promise<void>(() => undefined));
    const { run } = await a.start('templates', {}, 'api');
    for (let i = 0; i < 3; i++) {
      void a.work(queue.messages[0], `w${i}`);
      await new Promise((r) => setImmediate(r));
      advance(61_000);
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
