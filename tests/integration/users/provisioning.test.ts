/**
 * User provisioning end to end (scim-profile.md, issue 14's bars): Dynamics changed as an admin
 * changes it, `POST /api/admin/users/sync` as an admin calls it, and the effect counted where it
 * happens: the CLM sandbox's users, groups and SCIM request log, and the dtclm_userlink rows.
 * One world for the file; each test makes its own users so the order matters only where said.
 */
import { DEMO_TEAMS, demoUser, ROLE_NAMES } from '../../../sandbox/seed/identities';
import { ProvisioningHarness } from './harness';

const R = ROLE_NAMES;
const STATE = { inSync: 718900000, pending: 718900001, error: 718900002 };
const ROLE_CHOICE = { Administrator: 718900000, Editor: 718900001, Contributor: 718900002, Validator: 718900003, Reader: 718900004 };

let h: ProvisioningHarness;

beforeAll(async () => {
  h = await ProvisioningHarness.start();
  const first = await h.sync();
  expect(first).toMatchObject({ status: 202, body: { kind: 'users', state: 'succeeded' } });
}, 60_000);
afterAll(() => h?.close());

describe('the demo users after the first run', () => {
  test('each gets the CLM role of their highest connector role, direct or through a team', async () => {
    const role = async (key: string) => (await h.clmUser(`${key}@contoso.example`))?.role;
    expect(await role('rep')).toBe('Contributor');
    expect(await role('signer')).toBe('Editor'); // User + Send to Sign: the highest wins
    expect(await role('reader')).toBe('Reader');
    expect(await role('admin')).toBe('Administrator');
    expect(await role('teamrep')).toBe('Contributor'); // Dilitrust CLM User only through "Contract Requesters"
  });

  test('a user without connector role, a disabled user and the application user are not in the CLM', async () => {
    const names = (await h.clmUsers()).map((u) => u.userName.toLowerCase());
    expect(names).not.toContain('norole@contoso.example');
    expect(names).not.toContain('disabled@contoso.example');
    expect(names.some((n) => n.startsWith('8c4f1e2a'))).toBe(false);
  });

  test('each carries its Entra object id as externalId, its names, and is active; its link row is In sync', async () => {
    const rep = demoUser('rep');
    const held = await h.clmUser(rep.upn);
    expect(held).toMatchObject({ externalId: rep.objectId, active: true, name: { givenName: rep.firstName, familyName: rep.lastName } });
    const link = await h.link(rep.systemUserId);
    expect(link).toMatchObject({
      dtclm_scimid: held!.id,
      dtclm_clmrole: ROLE_CHOICE.Contributor,
      dtclm_active: true,
      dtclm_syncstate: STATE.inSync,
      dtclm_lasterror: null,
    });
    expect(link!.dtclm_lastsyncedon).toEqual(expect.any(String));
  });

  test('an unchanged second run sends no write to the CLM', async () => {
    await h.forgetScimCalls();
    const second = await h.sync();
    expect(second.body.counts).toMatchObject({
      created: 0,
      updated: 0,
      deactivated: 0,
      error: 0,
      pending: 0,
      groupsCreated: 0,
      groupsUpdated: 0,
      groupsRemoved: 0,
    });
    expect(await h.scimWrites()).toEqual([]);
  });
});

test('a new rep becomes Contributor; adding the Admin role makes them Administrator with one PATCH', async () => {
  const newRep = await h.addUser('newrep', { roles: [R.salesperson, R.user] });
  await h.sync();
  expect(await h.clmUser(newRep.email)).toMatchObject({ role: 'Contributor', active: true, externalId: newRep.objectId });

  await h.grantRole(newRep.systemUserId, R.admin);
  await h.forgetScimCalls();
  await h.sync();
  expect((await h.clmUser(newRep.email))?.role).toBe('Administrator');
  expect((await h.scimWrites()).map((c) => c.method)).toEqual(['PATCH']);
});

test('a signer (Send to Sign) becomes Editor', async () => {
  const signer = await h.addUser('newsigner', { roles: [R.sendToSign] });
  await h.sync();
  expect((await h.clmUser(signer.email))?.role).toBe('Editor');
});

test('a member of a team named in the role map becomes Validator, and a role through a team counts', async () => {
  await h.setScimSettings({ roleMap: { 'Legal Reviewers': 'Validator' }, groupPrefix: 'CLM-' });
  try {
    const reviewer = await h.addUser('reviewer', { roles: [R.salesperson] });
    await h.addTeam('Legal Reviewers', [reviewer.systemUserId]);
    const viaTeam = await h.addUser('viateam', { roles: [R.salesperson] });
    await h.addTeam('Readers Team', [viaTeam.systemUserId], [R.readOnly]);
    await h.sync();
    expect((await h.clmUser(reviewer.email))?.role).toBe('Validator');
    expect((await h.clmUser(viaTeam.email))?.role).toBe('Reader');
  } finally {
    await h.setScimSettings({ roleMap: {}, groupPrefix: 'CLM-' });
  }
});

test('disabling a user or removing their last connector role deactivates them in the CLM; they are kept, never deleted', async () => {
  const leaver = await h.addUser('leaver', { roles: [R.user] });
  const mover = await h.addUser('mover', { roles: [R.user, R.readOnly] });
  await h.sync();
  const before = await h.clmUser(leaver.email);

  await h.disable(leaver.systemUserId);
  await h.revokeRole(mover.systemUserId, R.user);
  await h.sync();
  expect((await h.clmUser(mover.email))?.role).toBe('Reader'); // one connector role left: still active
  await h.revokeRole(mover.systemUserId, R.readOnly);
  await h.forgetScimCalls();
  const run = await h.sync();

  expect(await h.clmUser(leaver.email)).toMatchObject({ id: before!.id, active: false, role: before!.role });
  expect(await h.clmUser(mover.email)).toMatchObject({ active: false });
  expect(run.body.counts.deactivated).toBe(1); // the leaver was deactivated by the run before
  expect((await h.scimCalls()).filter((c) => c.method === 'DELETE')).toEqual([]);
  expect(await h.link(leaver.systemUserId)).toMatchObject({ dtclm_active: false, dtclm_syncstate: STATE.inSync });
});

test('a CLM user that existed before (same e-mail, no externalId) is linked and updated, not duplicated', async () => {
  const existing = await h.control<{ id: string }>('POST', '/users', { userName: 'already@contoso.example', role: 'Reader' });
  const user = await h.addUser('already', { roles: [R.user] });
  await h.sync();
  const matching = (await h.clmUsers()).filter((u) => u.userName === 'already@contoso.example');
  expect(matching).toHaveLength(1);
  expect(matching[0]).toMatchObject({ id: existing.id, externalId: user.objectId, role: 'Contributor', active: true });
  expect((await h.link(user.systemUserId))?.dtclm_scimid).toBe(existing.id);
});

test('two Dynamics users matching one CLM user is an error on both rows and nothing is written', async () => {
  const a = await h.addUser('twin-a', { roles: [R.user] });
  const b = await h.addUser('twin-b', { roles: [R.user] });
  // One CLM user whose userName is a's e-mail and whose externalId is b's object id.
  const shared = await h.control<{ id: string }>('POST', '/users', { userName: a.email, externalId: b.objectId, role: 'Reader' });
  await h.forgetScimCalls();
  await h.sync();
  for (const who of [a, b]) {
    const link = await h.link(who.systemUserId);
    expect(link).toMatchObject({ dtclm_syncstate: STATE.error });
    expect(String(link!.dtclm_lasterror)).toMatch(/match the same CLM user/);
  }
  expect(await h.clmUser(b.email)).toBeUndefined();
  expect((await h.scimWrites()).filter((c) => c.path.includes(shared.id) || c.path === '/Users')).toEqual([]);
  expect(await h.clmUser(a.email)).toMatchObject({ role: 'Reader', externalId: b.objectId });
});

test('a CLM- team becomes a group with its provisioned members, follows its membership and its rename', async () => {
  const one = await h.addUser('groupie1', { roles: [R.user] });
  const two = await h.addUser('groupie2', { roles: [R.user] });
  const outsider = await h.addUser('groupie3', { roles: [R.salesperson] }); // no connector role: never provisioned
  const team = await h.addTeam('CLM-Sales', [one.systemUserId, two.systemUserId, outsider.systemUserId]);
  await h.sync();
  const group = async (name: string) => (await h.clmGroups()).find((g) => g.displayName === name);
  expect((await group('CLM-Sales'))?.memberUserNames).toEqual([one.email, two.email]);

  await h.removeMember(team, two.systemUserId);
  await h.sync();
  expect((await group('CLM-Sales'))?.memberUserNames).toEqual([one.email]);

  await h.renameTeam(team, 'CLM-Sales EMEA');
  await h.sync();
  expect(await group('CLM-Sales')).toBeUndefined();
  expect((await group('CLM-Sales EMEA'))?.memberUserNames).toEqual([one.email]);
});

test('a 429 storm and a 500 on one user leave the others done and that user Pending, done at the next run', async () => {
  const others = [await h.addUser('storm1', { roles: [R.user] }), await h.addUser('storm2', { roles: [R.user] })];
  const victim = await h.addUser('victim', { roles: [R.user] });
  // Throttled writes (a throttled read of the whole list would fail the run, which the next run retries).
  await h.control('POST', '/faults', { status: 429, count: 6, retryAfter: 1, method: 'POST' });
  await h.control('POST', '/faults', { status: 500, count: 50, userName: victim.email });
  const run = await h.sync();
  await h.control('DELETE', '/faults');

  for (const u of others) expect(await h.clmUser(u.email)).toMatchObject({ active: true, role: 'Contributor' });
  expect(await h.clmUser(victim.email)).toBeUndefined();
  const link = await h.link(victim.systemUserId);
  expect(link).toMatchObject({ dtclm_syncstate: STATE.pending });
  expect(String(link!.dtclm_lasterror)).toMatch(/5 attempts.*tried again at the next run/);
  expect(run.body.counts.pending).toBe(1);
  const served = await h.control<{ served: Record<string, number> }>('GET', '/faults');
  expect(served.served['429']).toBe(6);

  await h.sync();
  expect(await h.clmUser(victim.email)).toMatchObject({ active: true });
  expect(await h.link(victim.systemUserId)).toMatchObject({ dtclm_syncstate: STATE.inSync, dtclm_lasterror: null });
}, 60_000);

test('an application user and a user without an Entra object id are never provisioned, whatever their roles', async () => {
  const noOid = await h.addUser('nooid', { roles: [R.user], objectId: null });
  await h.grantRole('8c4f1e2a-6b3d-4c5e-9f70-0000000000a2', R.user); // the connector's application user
  await h.forgetScimCalls();
  await h.sync();
  expect(await h.clmUser(noOid.email)).toBeUndefined();
  expect((await h.clmUsers()).filter((u) => u.userName.startsWith('8c4f1e2a'))).toEqual([]);
  expect((await h.scimWrites()).filter((c) => c.method === 'POST')).toEqual([]);
});

test('a run for all users is a long run: 202 with Location, its counts and errors at GET /api/admin/runs', async () => {
  const failing = await h.addUser('runerror', { roles: [R.user] });
  await h.control('POST', '/faults', { status: 500, count: 5, userName: failing.email });
  const run = await h.sync();
  expect(run.body).toMatchObject({ kind: 'users', state: 'succeeded', counts: { created: 0, pending: 1 } });
  expect(run.body.errors).toContainEqual({ item: failing.systemUserId, message: expect.stringMatching(/HTTP 500 \(5 attempts\)/) });
  await h.sync();
});

test('one user is provisioned at once with POST { systemUserId }: 200 with their result', async () => {
  const solo = await h.addUser('solo', { roles: [R.readOnly] });
  const answer = await h.sync({ systemUserId: solo.systemUserId });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ systemUserId: solo.systemUserId, outcome: 'created', role: 'Reader', activeInClm: true });
  expect((await h.clmUser(solo.email))?.role).toBe('Reader');
  const again = await h.sync({ systemUserId: solo.systemUserId });
  expect(again.body.outcome).toBe('unchanged');
  const unknown = await h.sync({ systemUserId: '00000000-0000-4000-8000-000000000000' });
  expect(unknown.status).toBe(404);
});

describe("one user's sync (POST { systemUserId }) brings their memberships of the CLM- groups in line", () => {
  const groupWrites = async () =>
    (await h.scimWrites()).filter((c) => c.path.startsWith('/Groups')).map(({ method, path, status }) => ({ method, path, status }));
  const groupId = async (name: string) => (await h.clmGroups()).find((g) => g.displayName === name)!.id;

  test('added to a CLM- team: in its group at once, the other members untouched; a second sync writes nothing; removed from the team: out', async () => {
    const [a, b, joiner] = [
      await h.addUser('legal-a', { roles: [R.user] }),
      await h.addUser('legal-b', { roles: [R.user] }),
      await h.addUser('legal-c', { roles: [R.user] }),
    ];
    // The seeded team CLM-Legal, whose member admin@ is in its group since the first run.
    const legal = DEMO_TEAMS.find((t) => t.name === 'CLM-Legal')!.teamId;
    for (const u of [a, b]) await h.addMember(legal, u.systemUserId);
    await h.addTeam('CLM-Finance', [a.systemUserId]);
    await h.sync(); // the full run: both groups, the joiner provisioned but in no team
    const admin = demoUser('admin').upn;
    expect(await h.groupMembers('CLM-Legal')).toEqual([admin, a.email, b.email]);

    await h.addMember(legal, joiner.systemUserId);
    await h.forgetScimCalls();
    const joined = await h.sync({ systemUserId: joiner.systemUserId });
    expect(joined.body).toMatchObject({ outcome: 'unchanged', groups: { added: ['CLM-Legal'], removed: [], notCreated: [], failed: [] } });
    expect(await h.groupMembers('CLM-Legal')).toEqual([admin, a.email, b.email, joiner.email]);
    expect(await h.groupMembers('CLM-Finance')).toEqual([a.email]);
    expect(await groupWrites()).toEqual([{ method: 'PATCH', path: `/Groups/${await groupId('CLM-Legal')}`, status: 200 }]);

    await h.forgetScimCalls();
    const again = await h.sync({ systemUserId: joiner.systemUserId });
    expect(again.body.groups).toEqual({ added: [], removed: [], notCreated: [], failed: [] });
    expect(await h.scimWrites()).toEqual([]); // no write at all, /Groups or /Users

    await h.removeMember(legal, joiner.systemUserId);
    await h.forgetScimCalls();
    const left = await h.sync({ systemUserId: joiner.systemUserId });
    expect(left.body.groups).toMatchObject({ added: [], removed: ['CLM-Legal'] });
    expect(await h.groupMembers('CLM-Legal')).toEqual([admin, a.email, b.email]);
    expect(await groupWrites()).toEqual([{ method: 'PATCH', path: `/Groups/${await groupId('CLM-Legal')}`, status: 200 }]);
  });

  test('a new user in a CLM- team is created and put in its group by the same sync; a team the CLM has no group for is left to the full run', async () => {
    const old = await h.addUser('ops-a', { roles: [R.user] });
    const ops = await h.addTeam('CLM-Ops', [old.systemUserId]);
    await h.sync();
    const newcomer = await h.addUser('ops-b', { roles: [R.readOnly] });
    await h.addMember(ops, newcomer.systemUserId);
    await h.addTeam('CLM-Brand New', [newcomer.systemUserId, old.systemUserId]);
    await h.forgetScimCalls();
    const answer = await h.sync({ systemUserId: newcomer.systemUserId });
    expect(answer.body).toMatchObject({ outcome: 'created', role: 'Reader', groups: { added: ['CLM-Ops'], notCreated: ['CLM-Brand New'] } });
    expect(answer.body.message).toMatch(/no group CLM-Brand New yet: the next full run creates it/);
    expect(await h.groupMembers('CLM-Ops')).toEqual([old.email, newcomer.email]);
    expect(await h.groupMembers('CLM-Brand New')).toBeUndefined();
    expect((await groupWrites()).map((c) => c.method)).toEqual(['PATCH']);

    await h.sync(); // the full run makes the group with all the team's members
    expect(await h.groupMembers('CLM-Brand New')).toEqual([old.email, newcomer.email].sort());
  });

  test('a disabled user is deactivated and taken out of every CLM- group, the other members kept', async () => {
    const [stays, leaver] = [await h.addUser('quit-a', { roles: [R.user] }), await h.addUser('quit-b', { roles: [R.user] })];
    await h.addTeam('CLM-Procurement', [stays.systemUserId, leaver.systemUserId]);
    await h.addTeam('CLM-Audit', [leaver.systemUserId]);
    await h.sync();
    expect(await h.groupMembers('CLM-Audit')).toEqual([leaver.email]);

    await h.disable(leaver.systemUserId); // still a member of both teams in Dynamics
    const answer = await h.sync({ systemUserId: leaver.systemUserId });
    expect(answer.body).toMatchObject({ outcome: 'deactivated', activeInClm: false });
    expect([...answer.body.groups.removed].sort()).toEqual(['CLM-Audit', 'CLM-Procurement']);
    expect(await h.clmUser(leaver.email)).toMatchObject({ active: false });
    expect(await h.groupMembers('CLM-Procurement')).toEqual([stays.email]);
    expect(await h.groupMembers('CLM-Audit')).toEqual([]);
  });
});

test('when the CLM gets new role UUIDs, the connector reads /Schemas again and goes on', async () => {
  const promoted = await h.addUser('promoted', { roles: [R.user] });
  await h.sync();
  await h.control('POST', '/roles/regenerate');
  await h.grantRole(promoted.systemUserId, R.sendToSign);
  await h.sync();
  const roles = await h.control<Record<string, string>>('GET', '/roles');
  expect(await h.clmUser(promoted.email)).toMatchObject({ role: 'Editor', roleId: roles.Editor });
  expect(await h.link(promoted.systemUserId)).toMatchObject({ dtclm_syncstate: STATE.inSync });
});

test('the health check says SCIM is reachable, the token accepted and how many role UUIDs were found', async () => {
  const checks = await h.health();
  const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
  expect(byName['SCIM reachable']).toMatchObject({ ok: true });
  expect(byName['SCIM token']).toMatchObject({ ok: true });
  expect(byName['SCIM role UUIDs']).toMatchObject({ ok: true, detail: '5 of 5 role UUIDs found.' });
  await h.control('DELETE', '/tokens'); // the CLM admin regenerated the token: the connector's is refused
  const after = Object.fromEntries((await h.health()).map((c) => [c.name, c]));
  expect(after['SCIM token']).toMatchObject({ ok: false });
  expect(after['SCIM reachable']).toMatchObject({ ok: true });
});
