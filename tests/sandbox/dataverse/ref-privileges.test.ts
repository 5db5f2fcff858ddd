/**
 * Issue 24, finding 7: associating and disassociating through `$ref` checks privileges as Dataverse
 * does (sandbox/dataverse/operations/associate-privileges.ts names the Microsoft articles):
 * prvAppend on the row in the URL and prvAppendTo on the row in `@odata.id`; for a security role,
 * prvReadRole and prvAssignRole, and never a role with more privileges than the caller holds. A user
 * without roles, or with no say over roles, cannot give themselves one; refusals are Dataverse's
 * privilege error 0x80040220, and no intersect row is written.
 */
import { randomUUID } from 'node:crypto';
import { setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { defaultMetadata, defaultWorld } from '../../../sandbox/dataverse/defaults';
import type { RoleDef } from '../../../sandbox/dataverse/model/security-types';
import { demoUser, ROLE_NAMES } from '../../../sandbox/seed/identities';
import { startTestIdentity, type TestIdentity } from './fixtures/identity';

let identity: TestIdentity;
let dv: DataverseSandbox;
let appToken: string;
const world = defaultWorld();

/** A user who may manage roles (Read + Assign on Security Role, Append/AppendTo on users and teams), without System Administrator. */
const ROLE_MANAGER: RoleDef = {
  roleId: '5eed0004-0000-4000-8000-0000000000f1',
  name: 'Role manager (test)',
  privileges: {
    role: { read: 'Global', assign: 'Global' },
    systemuser: { read: 'Global', append: 'Global', appendTo: 'Global' },
    team: { read: 'Global', append: 'Global', appendTo: 'Global' },
    systemuserroles: { read: 'Global' },
    teamroles: { read: 'Global' },
  },
};
/** A user in the organization with no security role at all. */
const NOBODY = { systemUserId: randomUUID(), objectId: randomUUID() };
const manager = demoUser('norole'); // Salesperson; given ROLE_MANAGER below for the escalation cases
const rep = demoUser('rep');

const roleId = (name: string) => String(world.seed.role.find((r) => r.name === name)!.roleid);

beforeAll(async () => {
  identity = await startTestIdentity();
  world.roles.push(ROLE_MANAGER);
  world.seed.role.push({ ...world.seed.role.find((r) => r.name === ROLE_NAMES.salesperson)!, roleid: ROLE_MANAGER.roleId, name: ROLE_MANAGER.name });
  const template = world.seed.systemuser.find((u) => u.systemuserid === manager.systemUserId)!;
  world.seed.systemuser.push({
    ...template,
    systemuserid: NOBODY.systemUserId,
    azureactivedirectoryobjectid: NOBODY.objectId,
    fullname: 'Nora Noroles',
    firstname: 'Nora',
    lastname: 'Noroles',
    domainname: 'noroles@contoso.example',
    internalemailaddress: 'noroles@contoso.example',
  });
  dv = await startDataverse({
    issuer: identity.issuer,
    jwksUri: identity.jwksUri,
    schema: world.schema,
    seed: world.seed,
    roles: world.roles,
    metadata: defaultMetadata(),
  } as never);
  // As after install: the admin's steps make the application user and give people their roles.
  await setUpDynamicsAsAdmin({ adminToken: () => identity.userToken(dv.url, 'admin'), dataverse: dv });
  appToken = await identity.appToken(dv.url);
}, 60_000);
afterAll(async () => {
  await dv?.close();
  await identity?.close();
});

async function api(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${dv.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const tokenOfNobody = () =>
  identity.appToken(dv.url, {
    oid: NOBODY.objectId,
    idtyp: 'user',
    scp: 'user_impersonation',
    preferred_username: 'noroles@contoso.example',
    roles: undefined,
  });

async function rolesOf(systemUserId: string): Promise<string[]> {
  const r = await api(`systemusers(${systemUserId})/systemuserroles_association?$select=name`, appToken);
  return r.body.value.map((x: { name: string }) => x.name);
}

const give = (token: string, systemUserId: string, role: string) =>
  api(`systemusers(${systemUserId})/systemuserroles_association/$ref`, token, { method: 'POST', body: { '@odata.id': `${dv.apiUrl}roles(${roleId(role)})` } });

describe('$ref on security roles', () => {
  // Refused before this change too (such a user cannot even read the role), kept as the floor.
  it('a user without any role cannot associate a role to themselves, from either side', async () => {
    const token = await tokenOfNobody();
    for (const role of [ROLE_NAMES.systemAdministrator, ROLE_NAMES.admin]) {
      const fromUser = await give(token, NOBODY.systemUserId, role);
      const fromRole = await api(`roles(${roleId(role)})/systemuserroles_association/$ref`, token, {
        method: 'POST',
        body: { '@odata.id': `${dv.apiUrl}systemusers(${NOBODY.systemUserId})` },
      });
      expect([fromUser.status, fromRole.status]).toEqual([403, 403]);
      expect(fromUser.body.error.code).toBe('0x80040220');
    }
    expect(await rolesOf(NOBODY.systemUserId)).toEqual([]);
  });

  // The case: a user without the roles that may assign roles gave themselves Admin.
  it('a user without a role that may assign roles (Salesperson only) cannot associate the connector Admin role to themselves', async () => {
    const token = await identity.userToken(dv.url, 'rep');
    const r = await give(token, rep.systemUserId, ROLE_NAMES.admin);
    expect([r.status, r.body.error.code]).toEqual([403, '0x80040220']);
    expect(r.body.error.message).toMatch(/is missing prvAppendUser privilege/);
    expect(await rolesOf(rep.systemUserId)).not.toContain(ROLE_NAMES.admin);
    // Nor through a team they are in.
    const team = await api(`teams?$select=teamid&$top=1`, appToken);
    const t = await api(`teams(${team.body.value[0].teamid})/teamroles_association/$ref`, token, {
      method: 'POST',
      body: { '@odata.id': `${dv.apiUrl}roles(${roleId(ROLE_NAMES.systemAdministrator)})` },
    });
    expect(t.status).toBe(403);
  });

  it('a role manager may hand out a role they hold, not one with more privileges than theirs (no privilege elevation)', async () => {
    // Given by a System Administrator (the application user may not: it holds no prvAssignRole).
    expect((await give(appToken, manager.systemUserId, ROLE_MANAGER.name)).status).toBe(403);
    expect((await give(await identity.userToken(dv.url, 'admin'), manager.systemUserId, ROLE_MANAGER.name)).status).toBe(204);
    const token = await identity.userToken(dv.url, 'norole');
    // They hold Salesperson: they may give it.
    const salesperson = await give(token, NOBODY.systemUserId, ROLE_NAMES.salesperson);
    expect([salesperson.status, salesperson.body?.error?.message]).toEqual([204, undefined]);
    // The connector's Admin role and System Administrator need privileges they do not hold.
    for (const role of [ROLE_NAMES.admin, ROLE_NAMES.systemAdministrator]) {
      const r = await give(token, manager.systemUserId, role);
      expect([role, r.status, r.body.error.code]).toEqual([role, 403, '0x80040220']);
    }
    expect(await rolesOf(manager.systemUserId)).not.toContain(ROLE_NAMES.admin);
    // Removing a role is held to the same rule.
    const remove = await api(`systemusers(${NOBODY.systemUserId})/systemuserroles_association(${roleId(ROLE_NAMES.salesperson)})/$ref`, token, {
      method: 'DELETE',
    });
    expect(remove.status).toBe(204);
    const removeAdmin = await api(
      `systemusers(${demoUser('admin').systemUserId})/systemuserroles_association(${roleId(ROLE_NAMES.systemAdministrator)})/$ref`,
      token,
      {
        method: 'DELETE',
      },
    );
    expect(removeAdmin.status).toBe(403);
  });

  it('System Administrator assigns and removes any role', async () => {
    const token = await identity.userToken(dv.url, 'admin');
    expect((await give(token, NOBODY.systemUserId, ROLE_NAMES.admin)).status).toBe(204);
    expect(await rolesOf(NOBODY.systemUserId)).toContain(ROLE_NAMES.admin);
    const del = await api(`systemusers(${NOBODY.systemUserId})/systemuserroles_association(${roleId(ROLE_NAMES.admin)})/$ref`, token, { method: 'DELETE' });
    expect(del.status).toBe(204);
  });
});
