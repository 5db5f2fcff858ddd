/**
 * User provisioning rides out a SCIM outage (issue 23; services/runs/run-patience.ts): mid-run the
 * CLM's SCIM service answers 500 to every call for 5 s, far longer than one call's bounded retries
 * last. The run waits it out with its run-level patience (about 60 s) and ends succeeded: every
 * user created once, none left Pending. The outage is counted where it happens: the SCIM server's
 * own log (201s before the outage, 500s served during it, one 201 per user and no 409) and its
 * store (one CLM user per person).
 */
import { ROLE_NAMES } from '../../../sandbox/seed/identities';
import { ProvisioningHarness } from './harness';

let h: ProvisioningHarness;
const USERS = 40;

beforeAll(async () => {
  h = await ProvisioningHarness.start();
}, 120_000);
afterAll(async () => h?.close());

test('a 5 s SCIM outage mid user provisioning: the run waits it out and ends succeeded, every user created once', async () => {
  await h.sync(); // the demo users first
  const added = [];
  for (let i = 0; i < USERS; i += 10) {
    added.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => h.addUser(`outage${i + j}`, { roles: [ROLE_NAMES.user] })))));
  }
  await h.forgetScimCalls();
  // Creates slowed (100 ms), so that the outage starts mid-run.
  await h.control('POST', '/faults', { latencyMs: 100, count: 100_000, method: 'POST', pathPrefix: '/Users' });
  const running = h.sync();
  const created = async () => (await h.scimCalls()).filter((c) => c.method === 'POST' && c.status === 201).length;
  for (let i = 0; i < 400 && (await created()) < 5; i++) await new Promise((r) => setTimeout(r, 25));
  const createdBeforeOutage = await created();
  // The outage replaces the slowness (the sandbox serves a call the first fault that matches it).
  await h.control('DELETE', '/faults');
  await h.control('POST', '/faults', { status: 500, forMs: 5_000, count: 1 });
  const run = await running;

  expect(createdBeforeOutage).toBeGreaterThan(0);
  expect(createdBeforeOutage).toBeLessThan(USERS); // the outage began mid-run
  const calls = await h.scimCalls();
  expect(calls.filter((c) => c.status === 500).length).toBeGreaterThan(0); // and really happened,
  // to the creates too, each far longer than a create's own 5 tries last (a few hundred ms here).
  expect(calls.filter((c) => c.method === 'POST' && c.path.startsWith('/Users') && c.status === 500).length).toBeGreaterThan(0);
  expect(run.body).toMatchObject({ state: 'succeeded' });
  expect(run.body.counts).toMatchObject({ created: USERS, pending: 0, error: 0 });
  expect(calls.filter((c) => c.method === 'POST' && c.path.startsWith('/Users') && c.status === 201)).toHaveLength(USERS);
  expect(calls.filter((c) => c.status === 409)).toEqual([]);
  const clmUsers = await h.clmUsers();
  for (const u of added) expect(clmUsers.filter((c) => c.userName.toLowerCase() === u.email.toLowerCase())).toHaveLength(1);
  for (const u of added) expect((await h.link(u.systemUserId))?.dtclm_syncstate).toBe(718900000);
}, 180_000);
