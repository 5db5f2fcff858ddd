/**
 * A SCIM call that never answers during a full run (scim-profile.md: time-outs are retried with
 * back-off, 5 tries, then the user stays Pending and is tried again next run). The CLM sandbox
 * holds the victim's POST /Users open ("hang"); the adapter's time-out (CLM_TIMEOUT_MS, short here
 * so that 5 tries take seconds) gives up on each attempt. The same for the group PATCH of one
 * user's sync. Its own world for that setting.
 */
import { ROLE_NAMES } from '../../../sandbox/seed/identities';
import { ProvisioningHarness } from './harness';

const PENDING = 718900001;
const IN_SYNC = 718900000;
const TIMEOUT_MS = 1500;

let h: ProvisioningHarness;

beforeAll(async () => {
  h = await ProvisioningHarness.start({ CLM_TIMEOUT_MS: String(TIMEOUT_MS) });
}, 60_000);
afterAll(() => h?.close());

test('a SCIM call that times out 5 times leaves that user Pending with the reason; the others are provisioned and the run finishes', async () => {
  const others = [await h.addUser('calm1', { roles: [ROLE_NAMES.user] }), await h.addUser('calm2', { roles: [ROLE_NAMES.readOnly] })];
  const victim = await h.addUser('stuck', { roles: [ROLE_NAMES.user] });
  await h.control('POST', '/faults', { status: 'hang', count: 5, method: 'POST', userName: victim.email });

  const run = await h.sync();

  expect(run.body).toMatchObject({ kind: 'users', state: 'succeeded', counts: { pending: 1, error: 0 } });
  expect(run.body.errors).toContainEqual({ item: victim.systemUserId, message: expect.stringMatching(/did not answer in time \(5 attempts\)/) });
  const served = await h.control<{ armed: unknown[]; served: Record<string, number> }>('GET', '/faults');
  expect(served.served.hang).toBe(5); // five tries, each held open until the adapter gave up
  expect(served.armed).toEqual([]);
  for (const u of others) expect(await h.clmUser(u.email)).toMatchObject({ active: true, externalId: u.objectId });
  expect(await h.clmUser(victim.email)).toBeUndefined();
  const link = await h.link(victim.systemUserId);
  expect(link).toMatchObject({ dtclm_syncstate: PENDING });
  expect(String(link!.dtclm_lasterror)).toMatch(/did not answer in time \(5 attempts\).*stays Pending and is tried again at the next run/);
  for (const u of others) expect(await h.link(u.systemUserId)).toMatchObject({ dtclm_syncstate: IN_SYNC });

  // The CLM answers again: the next run creates the user and clears the reason.
  await h.sync();
  expect(await h.clmUser(victim.email)).toMatchObject({ active: true });
  expect(await h.link(victim.systemUserId)).toMatchObject({ dtclm_syncstate: IN_SYNC, dtclm_lasterror: null });
}, 90_000);

test("one user's sync whose group PATCH times out: the user's own result stands, the group is named as failed and mended by a later sync", async () => {
  const [first, joiner] = [await h.addUser('slow1', { roles: [ROLE_NAMES.user] }), await h.addUser('slow2', { roles: [ROLE_NAMES.user] })];
  const team = await h.addTeam('CLM-Slow', [first.systemUserId]);
  await h.sync();
  await h.addMember(team, joiner.systemUserId);
  await h.control('POST', '/faults', { status: 'hang', count: 5, method: 'PATCH', pathPrefix: '/Groups' });

  const answer = await h.sync({ systemUserId: joiner.systemUserId });

  expect(answer).toMatchObject({ status: 200, body: { outcome: 'unchanged', activeInClm: true, groups: { added: [], failed: ['CLM-Slow'] } } });
  expect(answer.body.message).toMatch(/Group CLM-Slow not changed: .*did not answer in time \(5 attempts\).*The next full run tries again/);
  const faults = await h.control<{ armed: unknown[] }>('GET', '/faults');
  expect(faults.armed).toEqual([]); // all five tries were made, and held open
  expect(await h.groupMembers('CLM-Slow')).toEqual([first.email]);
  expect(await h.link(joiner.systemUserId)).toMatchObject({ dtclm_syncstate: IN_SYNC, dtclm_lasterror: null });

  const again = await h.sync({ systemUserId: joiner.systemUserId });
  expect(again.body.groups).toMatchObject({ added: ['CLM-Slow'], failed: [] });
  expect(await h.groupMembers('CLM-Slow')).toEqual([first.email, joiner.email]);
}, 90_000);
