/**
 * Issue 24, finding 6 (connector-api.md: a body over 1 MiB is 413): the limit bounds memory before
 * a body is read, because the app runs with HTTP streaming (functions/src/host-setup.ts) and the dev
 * host honours it as Azure's does. 300 bodies of 900 KB at once, anonymous (401), signed in (read,
 * then 400) and to the webhook (413 at 256 KiB), keep the functions process (a child process of its
 * own, bench/body-memory.ts) under 400 MB RSS. Memory, not time, is asserted.
 */
import { measureBodyMemory } from '../../../bench/body-memory';
import { startWorld, type World } from '../../../sandbox/world';

let world: World;
beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
}, 180_000);
afterAll(async () => {
  await world?.close();
});

it('300 × 900 KB bodies keep the functions process under 400 MB RSS, every one answered', async () => {
  const figures = await measureBodyMemory(world, true);
  expect(figures.waves.anonymous.statuses).toEqual({ 401: 300 });
  expect(figures.waves.signedIn.statuses).toEqual({ 400: 300 });
  expect(figures.waves.webhook.statuses).toEqual({ 413: 300 });
  expect(figures.peakRssMb).toBeLessThan(400);
}, 300_000);
