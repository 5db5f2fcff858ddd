/**
 * A long run survives its worker (issue 23, services/runs/README.md): two Function App instances
 * in their own processes poll the runs queue, as in Azure; the one that holds a template sync is
 * killed with SIGKILL mid-run. Its queue message comes back when its visibility runs out (the
 * runtime's 10 minutes, 4 s here), the other instance waits out the dead worker's lease (2 s here)
 * and takes the run over from its checkpoint: the run ends succeeded once, its counts add up to
 * the templates, and Dataverse holds no twin row. Counted where it happens: the run store, the
 * hosts' own log lines, the emulator's rows.
 */
import { startWorld, type World } from '../../../sandbox/world';
import { sandboxControl } from '../contracts/helpers';
import { instance, templateRows } from '../templates/helpers';
import { startHost, type HostProcess } from '../../../sandbox/functions-host/killable-host';
import { hostSettings } from './hosts';

let world: World;
const hosts: HostProcess[] = [];
const TEMPLATES = 3000;

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
  // Only the killable hosts take run messages from now on.
  await world.functions.stopQueuePolling();
  await sandboxControl(world.clm!.apiBase, 'POST', 'templates/generate', { count: TEMPLATES });
}, 120_000);
afterAll(async () => {
  for (const h of hosts) await h.kill();
  await world?.close();
});

const settings = () => hostSettings(world);

test('a host killed mid template sync: the other host takes the run over and finishes it once, counts adding up, no twin row', async () => {
  const before = (await templateRows(world)).length;
  hosts.push(await startHost('host-a', settings(), 4), await startHost('host-b', settings(), 4));
  // Slow CLM pages (400 ms each), so that the kill lands mid-run.
  await sandboxControl(world.clm!.apiBase, 'POST', 'faults', { latencyMs: 400, count: 1000, pathPrefix: '/templates' });
  const app = instance(world);
  const { run } = await app.runs.start('templates', { full: true }, 'api');

  let held = await app.runs.get(run.runId);
  for (let i = 0; i < 600 && !(held?.state === 'running' && held.progress.done >= 400); i++) {
    await new Promise((r) => setTimeout(r, 50));
    held = await app.runs.get(run.runId);
  }
  expect(held).toMatchObject({ state: 'running', attempt: 1 });
  const victim = hosts.find((h) => held!.workerId!.startsWith(`${h.name}/`))!;
  const survivor = hosts.find((h) => h !== victim)!;
  const doneAtKill = held!.progress.done;
  expect(await victim.kill()).toBe('SIGKILL');
  expect(doneAtKill).toBeLessThan(TEMPLATES); // the fault really happened mid-run

  let done = await app.runs.get(run.runId);
  for (let i = 0; i < 1200 && done?.state !== 'succeeded' && done?.state !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    done = await app.runs.get(run.runId);
  }
  expect(done).toMatchObject({ state: 'succeeded', attempt: 2 });
  expect(done!.workerId!.startsWith(`${survivor.name}/`)).toBe(true);
  expect(survivor.lines.some((l) => l.includes(`Run ${run.runId}: worker ${held!.workerId} went silent`))).toBe(true);
  // Counts add up to the CLM's templates (the demo ones included), nothing counted twice.
  const c = done!.counts;
  const rows = await templateRows(world);
  expect(c.created + c.updated + c.unchanged + c.failed).toBe(TEMPLATES + before);
  expect(c.failed).toBe(0);
  const ids = rows.map((r) => r.dtclm_clmtemplateid.toLowerCase());
  expect(new Set(ids).size).toBe(ids.length);
  expect(rows.length).toBe(TEMPLATES + before);
}, 180_000);
