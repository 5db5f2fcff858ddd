/**
 * User provisioning survives its worker (issue 23; services/users/provision-users-run.ts): two
 * Function App instances in their own processes poll the runs queue; the one holding a run that
 * provisions 200 new Dynamics users is killed with SIGKILL mid-run (the CLM's SCIM creates slowed
 * to 150 ms). The other instance takes the run over and provisions what is left: the run ends
 * succeeded once, every user is created in the CLM exactly once (the SCIM server's store and log:
 * no 409, no second user), has one link In sync, and the run's counts add up to the users.
 */
import { ROLE_NAMES } from '../../../sandbox/seed/identities';
import { startHost, type HostProcess } from '../../../sandbox/functions-host/killable-host';
import { instance } from '../templates/helpers';
import { ProvisioningHarness } from '../users/harness';
import { ended, followRun, hostSettings, killHolder } from './hosts';

let h: ProvisioningHarness;
const hosts: HostProcess[] = [];
const USERS = 200;
const STATE_IN_SYNC = 718900000;

beforeAll(async () => {
  h = await ProvisioningHarness.start();
}, 120_000);
afterAll(async () => {
  for (const host of hosts) await host.kill();
  await h?.close();
});

test('a host killed mid user provisioning: the other host takes the run over, each user created once in the CLM, counts adding up', async () => {
  // The demo users provisioned first, so that the run's own work is the new ones.
  const first = await h.sync();
  expect(first.body.state).toBe('succeeded');
  const added: { systemUserId: string; email: string }[] = [];
  for (let i = 0; i < USERS; i += 10) {
    added.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => h.addUser(`killed${i + j}`, { roles: [ROLE_NAMES.user] })))));
  }
  await h.world.functions.stopQueuePolling();
  await h.forgetScimCalls();
  hosts.push(await startHost('host-a', hostSettings(h.world), 4), await startHost('host-b', hostSettings(h.world), 4));
  await h.control('POST', '/faults', { latencyMs: 150, count: 100_000, method: 'POST', pathPrefix: '/Users' });
  const app = instance(h.world);
  const { run } = await app.runs.start('users', {}, 'api');

  const held = await followRun(app, run.runId, (r) => r.state === 'running' && r.progress.done >= 100);
  expect(held).toMatchObject({ state: 'running', attempt: 1 });
  const createdBeforeKill = (await h.scimCalls()).filter((c) => c.method === 'POST' && c.path.startsWith('/Users') && c.status === 201).length;
  const { survivor } = await killHolder(hosts, held);
  expect(createdBeforeKill).toBeGreaterThan(0); // the fault really happened mid-run
  expect(createdBeforeKill).toBeLessThan(USERS);

  const done = await followRun(app, run.runId, ended);
  await h.control('DELETE', '/faults');
  expect(done).toMatchObject({ state: 'succeeded', attempt: 2 });
  expect(done.workerId!.startsWith(`${survivor.name}/`)).toBe(true);
  expect(survivor.lines.some((l) => l.includes(`Run ${run.runId}: worker ${held.workerId} went silent`))).toBe(true);

  // Each user created once in the CLM, by one worker or the other: the SCIM server's own log (a
  // create in flight when the host died, at most 4, may have landed unanswered: logged without its
  // 201, and found by the survivor, not created again) and its store (one user per person).
  const creates = (await h.scimCalls()).filter((c) => c.method === 'POST' && c.path.startsWith('/Users'));
  const answered = creates.filter((c) => c.status === 201).length;
  expect(answered).toBeLessThanOrEqual(USERS);
  expect(answered).toBeGreaterThanOrEqual(USERS - 4);
  expect(creates.filter((c) => c.status === 409)).toEqual([]);
  const clmUsers = await h.clmUsers();
  for (const u of added) expect(clmUsers.filter((c) => c.userName.toLowerCase() === u.email.toLowerCase())).toHaveLength(1);
  for (const u of added) expect((await h.link(u.systemUserId))?.dtclm_syncstate).toBe(STATE_IN_SYNC);

  // Counts add up to the users; the run taken over starts again from the beginning (no checkpoint),
  // so what the dead worker created is counted once, by the survivor, as found in step.
  const c = done.counts;
  expect(c.error).toBe(0);
  expect(c.created + c.updated + c.deactivated + c.unchanged + c.skipped + c.pending + c.error).toBe(c.users);
  expect(c.created).toBeLessThanOrEqual(USERS - createdBeforeKill);
  expect(c.created).toBeGreaterThan(0);
}, 240_000);
