/**
 * The connector's application user as an admin sets it up (sandbox/admin-setup.ts, the admin guide's
 * step 3) and as Dataverse treats it when it impersonates (Microsoft, "Impersonate another user"):
 * - its roles, read through the Web API, are the solution's role for it and nothing else;
 * - without prvActOnBehalfOfAnotherUser, CallerObjectId is refused with PrivilegeDenied 0x80040220
 *   (SecLib::CheckPrivilege), and a role holding it through a team does not count ("Direct
 *   assignment required");
 * - impersonating runs with the intersection of both users' privileges: a caller who reads a table
 *   the application user cannot read gets 403 on it;
 * - RetrieveUserPrivileges answers what the application user holds (what the health check reads).
 * Every call is the Web API through fetch, signed by the identity emulator (client credentials for
 * the app, the admin's delegated token for the admin's steps).
 */
import { CONNECTOR_APPLICATION_ROLE_NAME, setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { connectorAppToken, demoUserToken, startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, DEMO_TEAMS, demoUser } from '../../../sandbox/seed/identities';
import { connectorRoles } from '../../../solution/model';

let identity: IdentitySandbox;
let dataverse: DataverseSandbox;
let appToken: string;
let adminToken: string;

beforeAll(async () => {
  identity = await startIdentity({ resources: [] });
  dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
  identity.addResource(dataverse.url);
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  appToken = (await connectorAppToken(identity.tokenEndpoint, dataverse.url)).accessToken;
  adminToken = await demoUserToken(identity.tokenEndpoint, 'admin', `${dataverse.url}/.default`);
}, 60_000);
afterAll(async () => {
  await dataverse?.close();
  await identity?.close();
});

async function api(path: string, init: { token?: string; method?: string; callerObjectId?: string; body?: unknown } = {}) {
  const res = await fetch(`${dataverse.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${init.token ?? appToken}`,
      Accept: 'application/json',
      'OData-Version': '4.0',
      ...(init.callerObjectId ? { CallerObjectId: init.callerObjectId } : {}),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const connectorRole = () => connectorRoles.find((r) => r.name === CONNECTOR_APPLICATION_ROLE_NAME)!;
const adminRole = () => connectorRoles.find((r) => r.name === 'Dilitrust CLM Admin')!;
const asAdmin = (path: string, method: string, body?: unknown) => api(path, { token: adminToken, method, body });
const roleRef = (roleId: string) => ({ '@odata.id': `${dataverse.apiUrl}roles(${roleId})` });
const appUser = `systemusers(${CONNECTOR_APP.systemUserId})`;
const rep = () => demoUser('rep').objectId;

test("the application user's roles, read through the Web API, are the solution's Dilitrust CLM Connector role only", async () => {
  const me = await api('WhoAmI');
  expect(me.body.UserId).toBe(CONNECTOR_APP.systemUserId);
  const roles = await api(`${appUser}/systemuserroles_association?$select=name,roleid`, { token: adminToken });
  expect(roles.status).toBe(200);
  expect(roles.body.value.map((r: { name: string; roleid: string }) => [r.name, r.roleid])).toEqual([
    [CONNECTOR_APPLICATION_ROLE_NAME, connectorRole().roleId],
  ]);
  const solutionRoleIds = new Set(connectorRoles.map((r) => r.roleId));
  for (const r of roles.body.value) expect(solutionRoleIds.has(r.roleid)).toBe(true);
  // Created as Dataverse creates an application user: known by its app registration, not interactive.
  const row = await api(`${appUser}?$select=applicationid,accessmode,_businessunitid_value`, { token: adminToken });
  expect(row.body).toMatchObject({ applicationid: CONNECTOR_APP.clientId, accessmode: 4 });
});

test('with the Connector role it acts as rep, with the intersection of both: rep reads the 4G opportunity', async () => {
  const r = await api("opportunities?$select=name&$filter=name eq '4G Enterprise Rollout'", { callerObjectId: rep() });
  expect(r.status).toBe(200);
  expect(r.body.value).toHaveLength(1);
});

test('a caller who can read a table the application user cannot read gets 403 on it (intersection)', async () => {
  // admin holds System Administrator (reads products); the Connector role does not read product.
  expect((await api('products?$select=name', { token: adminToken })).status).toBe(200);
  const r = await api('products?$select=name', { callerObjectId: demoUser('admin').objectId });
  expect(r.status).toBe(403);
  expect(r.body.error.code).toBe('0x80040220');
  expect(r.body.error.message).toContain('prvReadProduct');
});

test("RetrieveUserPrivileges lists the application user's privileges by name, impersonation included", async () => {
  const r = await api(`${appUser}/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`);
  expect(r.status).toBe(200);
  const byName = new Map(r.body.RolePrivileges.map((p: { PrivilegeName: string; Depth: string }) => [p.PrivilegeName, p.Depth]));
  expect(byName.get('prvReadOpportunity')).toBe('Global');
  expect(byName.get('prvReadUser')).toBe('Global');
  expect(byName.get('prvActOnBehalfOfAnotherUser')).toBeDefined();
  expect(byName.has('prvReadProduct')).toBe(false);
});

describe('without prvActOnBehalfOfAnotherUser assigned directly', () => {
  const legal = () => DEMO_TEAMS.find((t) => t.name === 'CLM-Legal')!.teamId;
  beforeAll(async () => {
    // The admin takes the Connector role away and gives the Admin role instead (no impersonation privilege).
    expect((await asAdmin(`${appUser}/systemuserroles_association(${connectorRole().roleId})/$ref`, 'DELETE')).status).toBe(204);
    expect((await asAdmin(`${appUser}/systemuserroles_association/$ref`, 'POST', roleRef(adminRole().roleId))).status).toBe(204);
  });
  afterAll(async () => {
    await asAdmin(`${appUser}/systemuserroles_association(${adminRole().roleId})/$ref`, 'DELETE');
    await asAdmin(`${appUser}/systemuserroles_association/$ref`, 'POST', roleRef(connectorRole().roleId));
  });

  const expectActOnBehalfRefused = (r: { status: number; body: { error: { code: string; message: string } } }) => {
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80040220');
    expect(r.body.error.message).toMatch(/^SecLib::CheckPrivilege failed\. User: [0-9a-f-]{36}, PrivilegeName: prvActOnBehalfOfAnotherUser, /);
    expect(r.body.error.message).toContain(CONNECTOR_APP.systemUserId);
  };

  test("an application user without it gets Microsoft's 403 on CallerObjectId (and its own calls still work)", async () => {
    expectActOnBehalfRefused(await api('WhoAmI', { callerObjectId: rep() }));
    expect((await api('WhoAmI')).status).toBe(200);
  });

  test('the privilege given through a team gets the same 403', async () => {
    expect((await asAdmin(`teams(${legal()})/teammembership_association/$ref`, 'POST', { '@odata.id': `${dataverse.apiUrl}${appUser}` })).status).toBe(204);
    expect((await asAdmin(`teams(${legal()})/teamroles_association/$ref`, 'POST', roleRef(connectorRole().roleId))).status).toBe(204);
    try {
      // The team's role counts for everything else: the app now reads opportunities on its own...
      expect((await api('opportunities?$select=name&$top=1')).status).toBe(200);
      // ...but not for impersonation.
      expectActOnBehalfRefused(await api('opportunities?$select=name&$top=1', { callerObjectId: rep() }));
    } finally {
      await asAdmin(`teams(${legal()})/teamroles_association(${connectorRole().roleId})/$ref`, 'DELETE');
      await asAdmin(`teams(${legal()})/teammembership_association(${CONNECTOR_APP.systemUserId})/$ref`, 'DELETE');
    }
  });
});
