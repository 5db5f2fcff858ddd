/**
 * Interactive calls answer within 30 s (connector-api.md; issue 23, finding 9): with the CLM
 * hanging, a page's call (the validation flows of a contract, as the status panel asks them) is
 * answered with a problem once the interactive budget (20 s of the CLM, retries included) is
 * spent, not after the background retries (4 attempts of 30 s, about 2 minutes). Counted where it
 * happens, not on a clock: the CLM sandbox served one hanging attempt, where background work makes
 * four.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, sandboxControl, userToken } from './helpers';

let world: World;

beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
}, 120_000);
afterAll(async () => world?.close());

const hangsServed = async () => ((await sandboxControl(world.clm!.apiBase, 'GET', 'stats')) as { faultsServed: { hang: number } }).faultsServed.hang;

test('a CLM that hangs: an interactive call answers 503 in words after one attempt within its budget, not after the background retries', async () => {
  expect(world.connectorConfig.clmRetry).toMatchObject({ maxAttempts: 4, timeoutMs: 30_000 }); // what background work spends
  const token = await userToken(world, 'rep');
  const made = await callApi(world, 'POST', 'contracts', {
    token,
    body: { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: world.demoTemplates!.nda, requestKey: randomUUID() },
  });
  expect(made.status).toBe(201);
  const before = await hangsServed();
  await sandboxControl(world.clm!.apiBase, 'POST', 'faults', { status: 'hang', count: 10, pathPrefix: '/contracts' });

  const res = await callApi(world, 'GET', `contracts/${made.body.contractId as string}/validation-flows`, { token });
  await sandboxControl(world.clm!.apiBase, 'DELETE', 'faults');

  expect(res.status).toBe(503);
  expect(res.body.detail).toContain('did not answer in time');
  expect(res.body.detail).toContain('(1 attempt)');
  // One attempt of the CLM's 30 s time-out does not fit the 20 s budget twice: no retry was made.
  expect((await hangsServed()) - before).toBe(1);
}, 120_000);
