/**
 * The long-run machinery against Azurite (run store in Table storage, the world's queue) with the
 * template sync as its worker: one run per kind however many start it, on one instance or two, and
 * a worker that dies is taken over, or its run is marked failed, never left "running".
 */
import type { ClmTemplatePage } from '../../../functions/src/services/templates/ports';
import { newRunId } from '../../../functions/src/services/runs/run-id';
import { TableRunStore } from '../../../functions/src/adapters/storage/table-run-store';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, sandboxControl, userToken } from '../contracts/helpers';
import { HeldQueue, instance, startSync, templateRows, waitRun } from './helpers';

let world: World;

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
  await sandboxControl(world.clm!.apiBase, 'POST', 'templates/generate', { count: 300 });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

async function listRuns(): Promise<{ runId: string; state: string }[]> {
  const res = await callApi(world, 'GET', 'admin/runs?kind=templates&limit=100', { token: await userToken(world, 'admin') });
  expect(res.status).toBe(200);
  return res.body.runs;
}

/** A dead process renews no lease: the instance that "dies" gets a lease timer that never fires. */
const noLeaseTimer = () => () => undefined;

function expectNoTwins(rows: { dtclm_clmtemplateid: string }[]) {
  const ids = rows.map((r) => r.dtclm_clmtemplateid);
  expect(new Set(ids).size).toBe(ids.length);
}

/** A CLM source that answers the first page, then never answers again until released (a worker that dies mid-run). */
function dyingSource(app: { clm: { client: { listTemplates(q: object): Promise<ClmTemplatePage> } } }) {
  let release: (e: Error) => void = () => undefined;
  let pages = 0;
  return {
    source: {
      page: async (q: object) => {
        if (++pages > 1) return new Promise<ClmTemplatePage>((_resolve, reject) => (release = reject));
        return app.clm.client.listTemplates({ ...q, status: 'all' });
      },
    },
    release: () => release(new Error('the instance was stopped')),
  };
}

describe('starting runs', () => {
  it('five admins starting a sync at once get one run: 202, the same runId, Location to GET /api/admin/runs/{runId}', async () => {
    const before = (await listRuns()).length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => startSync(world, { full: true })));
    for (const a of answers) expect(a.status).toBe(202);
    const ids = new Set(answers.map((a) => a.body.runId));
    expect(ids.size).toBe(1);
    const [runId] = ids;
    expect(answers[0].location).toBe(`${world.functions.url}/admin/runs/${runId}`);
    const done = await waitRun(world, runId);
    expect(done).toMatchObject({ state: 'succeeded', kind: 'templates' });
    expect(done.progress.done).toBeGreaterThanOrEqual(300);
    expect((await listRuns()).length).toBe(before + 1);
  }, 60_000);

  it('two instances starting at once give one run and one queue message; both workers on it: one works, nothing doubled', async () => {
    const queue = new HeldQueue();
    const a = instance(world, { runs: { queue, instanceId: 'A' } });
    const b = instance(world, { runs: { queue, instanceId: 'B' } });
    const [ra, rb] = await Promise.all([a.runs.start('templates', { full: true }, 'api'), b.runs.start('templates', { full: true }, 'api')]);
    expect(ra.run.runId).toBe(rb.run.runId);
    expect([ra.started, rb.started].filter(Boolean)).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
    await Promise.all([a.runs.work(queue.messages[0], 'inv-a'), b.runs.work(queue.messages[0], 'inv-b')]);
    const run = (await a.runs.get(ra.run.runId))!;
    expect(run).toMatchObject({ state: 'succeeded', attempt: 1 });
    expectNoTwins(await templateRows(world));
  }, 60_000);

  it('the 02:00 timer starts the same run (the dev host runs it on demand), drained by the host from the queue', async () => {
    const before = (await listRuns()).map((r) => r.runId);
    await world.functions.runTimer('templateSync');
    const [newest] = await listRuns();
    expect(before).not.toContain(newest.runId);
    expect((await waitRun(world, newest.runId)).state).toBe('succeeded');
  });

  it('refuses the other demo users (403), an unknown run (404), a malformed id or kind (400)', async () => {
    for (const user of ['rep', 'signer', 'reader', 'norole']) {
      const token = await userToken(world, user);
      expect((await callApi(world, 'POST', 'admin/templates/sync', { token, body: {} })).status).toBe(403);
      expect((await callApi(world, 'GET', 'admin/runs', { token })).status).toBe(403);
    }
    const admin = await userToken(world, 'admin');
    expect((await callApi(world, 'GET', `admin/runs/${newRunId('templates', new Date())}`, { token: admin })).status).toBe(404);
    expect((await callApi(world, 'GET', 'admin/runs/not-a-run', { token: admin })).status).toBe(400);
    const badKind = await callApi(world, 'GET', 'admin/runs?kind=bogus', { token: admin });
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors[0].message).toMatch(/templates, users, contacts/);
    expect((await callApi(world, 'POST', 'admin/templates/sync', { token: admin, body: { full: 'yes' } })).status).toBe(400);
  });
});

describe('a worker that dies mid-run', () => {
  it('is taken over when its message comes back: the next worker finishes the run', async () => {
    const queue = new HeldQueue();
    const a = instance(world, { runs: { queue, instanceId: 'A', leaseMs: 1500, flushMs: 0 }, templateSync: { pageSize: 100 } });
    const dying = dyingSource(a);
    const a2 = instance(world, {
      runs: { queue, instanceId: 'A', leaseMs: 1500, flushMs: 0, every: noLeaseTimer },
      templateSync: { pageSize: 100, clm: dying.source },
    });
    const { run } = await a2.runs.start('templates', { full: true }, 'api');
    const zombie = a2.runs.work(queue.messages[0], 'inv-dies');
    // It worked one page, then went silent.
    for (let i = 0; i < 100 && (await a2.runs.get(run.runId))!.progress.done < 100; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await a2.runs.get(run.runId))!.state).toBe('running');
    await new Promise((r) => setTimeout(r, 2000));
    // The runtime hands the message (invisible while A held it) to instance B.
    const b = instance(world, { runs: { queue, instanceId: 'B', leaseMs: 1500 }, templateSync: { pageSize: 100 } });
    await b.runs.work(queue.messages[0], 'inv-takes-over');
    const done = (await b.runs.get(run.runId))!;
    expect(done).toMatchObject({ state: 'succeeded', attempt: 2 });
    expect(done.workerId).toBe('B/inv-takes-over');
    // The dead worker wakes up: its next write finds the run is no longer its own, and it writes nothing.
    dying.release();
    await zombie;
    expect((await b.runs.get(run.runId))!).toMatchObject({ state: 'succeeded', workerId: 'B/inv-takes-over' });
    expectNoTwins(await templateRows(world));
    void a;
  }, 60_000);

  it('with no message left, is marked failed (never stuck running), and the next run completes', async () => {
    const queue = new HeldQueue();
    const a = instance(world, { runs: { queue, instanceId: 'A', leaseMs: 1000, staleAfterMs: 1000, flushMs: 0 }, templateSync: { pageSize: 100 } });
    const dying = dyingSource(a);
    const dies = instance(world, {
      runs: { queue, instanceId: 'A', leaseMs: 1000, staleAfterMs: 1000, flushMs: 0, every: noLeaseTimer },
      templateSync: { pageSize: 100, clm: dying.source },
    });
    const { run } = await dies.runs.start('templates', {}, 'api');
    const zombie = dies.runs.work(queue.messages[0], 'inv-dies');
    const c = instance(world, { runs: { queue, instanceId: 'C', leaseMs: 1000, staleAfterMs: 1000 } });
    // Silent (no lease renewed) for its lease and then staleAfterMs: the next GET marks it failed.
    let failed = (await c.runs.get(run.runId))!;
    for (let i = 0; i < 300 && failed.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      failed = (await c.runs.get(run.runId))!;
    }
    expect(failed.state).toBe('failed');
    expect(failed.errors.at(-1)!.message).toMatch(/stopped responding/);
    const next = await c.runs.start('templates', {}, 'api');
    expect(next.started).toBe(true);
    expect(next.run.runId).not.toBe(run.runId);
    await c.runs.work(queue.messages.at(-1), 'inv-next');
    const nextDone = (await c.runs.get(next.run.runId))!;
    expect(nextDone.errors).toEqual([]);
    expect(nextDone.state).toBe('succeeded');
    dying.release();
    await zombie;
    expect((await c.runs.get(run.runId))!.state).toBe('failed');
    void a;
  }, 60_000);
});

describe('retention', () => {
  it('keeps runs 30 days: a finished run removes the older ones of its kind', async () => {
    const store = new TableRunStore(world.ready.storage);
    const old = new Date(Date.now() - 31 * 24 * 3600_000);
    const recent = new Date(Date.now() - 29 * 24 * 3600_000);
    const made = (at: Date) => ({
      runId: newRunId('templates', at),
      kind: 'templates' as const,
      state: 'succeeded' as const,
      startedAt: at.toISOString(),
      heartbeatAt: at.toISOString(),
      finishedAt: at.toISOString(),
      progress: { done: 0 },
      counts: {},
      errors: [],
      input: {},
      trigger: 'timer' as const,
      attempt: 1,
    });
    const oldRun = made(old);
    const recentRun = made(recent);
    await store.create(oldRun);
    await store.create(recentRun);
    const queue = new HeldQueue();
    const app = instance(world, { runs: { queue } });
    const { run } = await app.runs.start('templates', {}, 'api');
    await app.runs.work(queue.messages[0], 'inv-retention');
    expect(await store.read('templates', run.runId)).toBeDefined();
    expect(await store.read('templates', oldRun.runId)).toBeUndefined();
    expect(await store.read('templates', recentRun.runId)).toBeDefined();
  });
});
