/**
 * The issue 5 bar with real processes: four connector instances, each its own node process,
 * sharing one Azurite; 100 concurrent calls with an expired access token -> the CLM sandbox sees
 * exactly one refresh and no invalid_grant.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { connectorSettings } from '../../../sandbox/world';
import { startPlatformWorld, type PlatformWorld } from './world';

let world: PlatformWorld;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  world = await startPlatformWorld();
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill();
  await world?.close();
});

function lines(child: ChildProcessWithoutNullStreams): AsyncIterator<string> {
  let buffer = '';
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      queue.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
    wake?.();
  });
  child.on('exit', () => wake?.());
  return {
    async next() {
      while (!queue.length && child.exitCode === null) await new Promise<void>((r) => (wake = r));
      return queue.length ? { value: queue.shift()!, done: false } : { value: undefined, done: true };
    },
  };
}

it('4 processes x 25 concurrent calls with an expired access token -> exactly one refresh, no invalid_grant', async () => {
  const env = {
    ...process.env,
    ...connectorSettings(world.identity, world.dataverse, world.storage),
    PLATFORM_TOKEN_BLOB: 'processes.json',
    PLATFORM_CALLS: '25',
  };
  for (let i = 0; i < 4; i++) {
    children.push(spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'token-instance.ts')], { env, cwd: join(__dirname, '../../..') }));
  }
  const outputs = children.map(lines);
  for (const o of outputs) expect((await o.next()).value).toBe('ready');
  await world.clmControl('POST', '/tokens/expire');
  const before = await world.clmStats();
  for (const c of children) c.stdin.write('go\n');
  const results = await Promise.all(outputs.map(async (o) => JSON.parse((await o.next()).value as string) as { ok: number; failed: string[] }));
  const after = await world.clmStats();
  expect(results.map((r) => r.ok)).toEqual([25, 25, 25, 25]);
  expect(after.refreshes - before.refreshes).toBe(1);
  expect(after.refreshesRefused - before.refreshesRefused).toBe(0);
}, 60_000);
