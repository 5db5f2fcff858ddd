/**
 * The bar, on the real demo world (the model helper's schema, seed and roles): with an app
 * token from client credentials the 4G opportunity is found by name; with CallerObjectId of
 * restricted@contoso.example it is not.
 */
import { demoUser } from '../../../sandbox/seed/identities';
import { SEED_IDS } from '../../../sandbox/dataverse/seed';
import { startHarness, type Harness } from './fixtures/harness';
import { connectorRoles } from '../../../solution/model';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ world: false });
});
afterAll(async () => h.close());

const query = `opportunities?$select=name&$filter=${encodeURIComponent("name eq '4G Enterprise Rollout'")}`;

test('the app sees "4G Enterprise Rollout"; acting as restricted@contoso.example it does not', async () => {
  const asApp = await h.api(query);
  expect(asApp.status).toBe(200);
  expect(asApp.body.value).toEqual([expect.objectContaining({ name: '4G Enterprise Rollout', opportunityid: SEED_IDS.opportunity })]);

  const asRestricted = await h.api(query, { callerObjectId: demoUser('restricted').objectId });
  expect(asRestricted.status).toBe(200);
  expect(asRestricted.body.value).toEqual([]);
  const byId = await h.api(`opportunities(${SEED_IDS.opportunity})`, { callerObjectId: demoUser('restricted').objectId });
  expect([byId.status, byId.body.error.code]).toEqual([403, '0x80048306']); // Dataverse's access-check error
});

test('rep reads the quote with its customer and lines in one request, with formatted values', async () => {
  const r = await h.api(
    `quotes(${SEED_IDS.quote})?$select=name,totalamount,createdon&$expand=customerid_account($select=name;$expand=primarycontactid($select=fullname)),quote_details($select=productdescription,quantity,priceperunit)`,
    { annotations: true, callerObjectId: demoUser('rep').objectId },
  );
  expect(r.status).toBe(200);
  expect(r.body.customerid_account.name).toBeTruthy();
  expect(r.body.customerid_account.primarycontactid.fullname).toBeTruthy();
  expect(r.body.quote_details.length).toBeGreaterThan(0);
  expect(r.body['createdon@OData.Community.Display.V1.FormattedValue']).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/); // rep is fr-FR
});

test('WhoAmI for every enabled demo user through CallerObjectId', async () => {
  for (const key of ['rep', 'signer', 'reader', 'admin', 'norole', 'restricted', 'teamrep']) {
    const r = await h.api('WhoAmI', { callerObjectId: demoUser(key).objectId });
    expect({ key, status: r.status, user: r.body.UserId }).toEqual({ key, status: 200, user: demoUser(key).systemUserId });
  }
  expect((await h.api('WhoAmI', { callerObjectId: demoUser('disabled').objectId })).status).toBe(403);
});

test('EntityDefinitions covers every table the sandbox holds', async () => {
  const r = await h.api('EntityDefinitions?$select=LogicalName,EntitySetName');
  const names = r.body.value.map((e: { LogicalName: string }) => e.LogicalName);
  expect(names).toEqual(expect.arrayContaining(['opportunity', 'quote', 'quotedetail', 'dtclm_contract', 'dtclm_template', 'systemuser']));
});

test('the app lists the tables its only role (Dilitrust CLM Connector) reads, and gets 0x80040220 on the others', async () => {
  const connector = connectorRoles.find((r) => r.name === 'Dilitrust CLM Connector')!;
  // Lines follow opportunity/quote; intersect tables and time zones have no privileges (any user reads them).
  const readable = new Set([
    ...Object.keys(connector.privileges).filter((t) => connector.privileges[t].read),
    'opportunityproduct',
    'quotedetail',
    'systemuserroles',
    'teamroles',
    'teammembership',
    'timezonedefinition',
    // Activity tables share the Activity privileges (prvReadActivity), held on activitypointer.
    ...(connector.privileges.activitypointer?.read ? ['task', 'opportunityclose', 'quoteclose'] : []),
  ]);
  const tables = (await h.api('EntityDefinitions?$select=LogicalName,EntitySetName')).body.value as { LogicalName: string; EntitySetName: string }[];
  for (const t of tables) {
    const r = await h.api(`${t.EntitySetName}?$top=1`);
    expect({ table: t.LogicalName, status: r.status }).toEqual({ table: t.LogicalName, status: readable.has(t.LogicalName) ? 200 : 403 });
  }
  expect(tables.filter((t) => !readable.has(t.LogicalName)).map((t) => t.LogicalName)).toEqual(expect.arrayContaining(['product', 'organization']));
});

test('a role held through a team grants its privileges: teamrep may read their contract on the 4G opportunity, norole may read none', async () => {
  // Written by the app for teamrep, as the connector writes contracts (people's roles only read them).
  const body = {
    dtclm_name: 'Team contract',
    'dtclm_opportunityid@odata.bind': `/opportunities(${SEED_IDS.opportunity})`,
    'ownerid@odata.bind': `/systemusers(${demoUser('teamrep').systemUserId})`,
  };
  const created = await h.api('dtclm_contracts?$select=dtclm_contractid', { method: 'POST', body, headers: { Prefer: 'return=representation' } });
  expect(created.status).toBe(201);
  const path = `dtclm_contracts(${created.body.dtclm_contractid as string})?$select=dtclm_name`;
  expect((await h.api(path, { callerObjectId: demoUser('teamrep').objectId })).status).toBe(200);
  const asNoRole = await h.api(path, { callerObjectId: demoUser('norole').objectId });
  expect(asNoRole.status).toBe(403);
  expect(asNoRole.body.error.code).toBe('0x80040220');
  // Nor may teamrep write it: the role grants no Create or Write on contracts.
  expect((await h.api('dtclm_contracts', { method: 'POST', body, callerObjectId: demoUser('teamrep').objectId })).body.error.code).toBe('0x80040220');
});

test('an alternate key on a lookup column is addressed by its lookup property (_x_value), as documented', async () => {
  const rep = demoUser('rep').systemUserId;
  const url = `dtclm_userlinks(_dtclm_systemuserid_value=${rep})`;
  const created = await h.api(url, { method: 'PATCH', body: { dtclm_name: 'Rémi Durand', dtclm_scimid: 'scim-1' } });
  expect(created.status).toBe(204);
  const read = await h.api(`${url}?$select=dtclm_scimid,_dtclm_systemuserid_value`);
  expect(read.body).toEqual(expect.objectContaining({ dtclm_scimid: 'scim-1', _dtclm_systemuserid_value: rep }));
  const plain = await h.api(`dtclm_userlinks(dtclm_systemuserid=${rep})`);
  expect(plain.status).toBe(400);
});

test("many-to-many expands: a user's roles, and teams with their roles read separately", async () => {
  const teamrep = demoUser('teamrep').systemUserId;
  const r = await h.api(`systemusers(${teamrep})?$select=fullname&$expand=systemuserroles_association($select=name),teammembership_association($select=name)`);
  expect(r.status).toBe(200);
  expect(r.body.systemuserroles_association.map((x: { name: string }) => x.name)).toContain('Salesperson');
  const teams = r.body.teammembership_association.map((x: { name: string; teamid: string }) => x);
  const requesters = teams.find((t: { name: string }) => t.name === 'Contract Requesters');
  expect(requesters).toBeDefined();
  const roles = await h.api(`teams(${requesters.teamid})/teamroles_association?$select=name`);
  expect(roles.body.value.map((x: { name: string }) => x.name)).toEqual(['Dilitrust CLM User']);
});

test('a row created through CallerObjectId is created by the user, on behalf of the app', async () => {
  const rep = demoUser('rep');
  const r = await h.api('contacts?$select=_createdby_value,_createdonbehalfby_value,_ownerid_value', {
    method: 'POST',
    headers: { Prefer: 'return=representation' },
    body: { lastname: 'On behalf' },
    callerObjectId: rep.objectId,
  });
  expect(r.status).toBe(201);
  expect(r.body._createdby_value).toBe(rep.systemUserId);
  expect(r.body._ownerid_value).toBe(rep.systemUserId);
  expect(r.body._createdonbehalfby_value).toBe(SEED_IDS.connectorAppUser);
});

test('environment variables: a value created against its definition reads back through the expand, and is blanked', async () => {
  const defs = await h.api(`environmentvariabledefinitions?$select=schemaname&$filter=${encodeURIComponent("schemaname eq 'dtclm_token_rt'")}`);
  expect(defs.body.value).toHaveLength(1);
  const definitionId = defs.body.value[0].environmentvariabledefinitionid;
  const created = await h.api('environmentvariablevalues', {
    method: 'POST',
    body: {
      schemaname: 'dtclm_token_rt',
      value: 'pasted-refresh-token',
      'EnvironmentVariableDefinitionId@odata.bind': `/environmentvariabledefinitions(${definitionId})`,
    },
  });
  expect(created.status).toBe(204);
  const r = await h.api(
    `environmentvariabledefinitions?$select=schemaname&$filter=${encodeURIComponent("startswith(schemaname,'dtclm_')")}&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)`,
  );
  const rt = r.body.value.find((d: { schemaname: string }) => d.schemaname === 'dtclm_token_rt');
  const value = rt.environmentvariabledefinition_environmentvariablevalue[0];
  expect(value.value).toBe('pasted-refresh-token');
  const blank = await h.api(`environmentvariablevalues(${value.environmentvariablevalueid})`, {
    method: 'PATCH',
    body: { value: '' },
    headers: { 'If-Match': value['@odata.etag'] },
  });
  expect(blank.status).toBe(204);
});

test('$expand=ownerid answers the owning principal with its @odata.type; $expand=* is a 400, never a 500', async () => {
  const r = await h.api(`opportunities(${SEED_IDS.opportunity})?$select=name&$expand=ownerid($select=fullname)`);
  expect(r.status).toBe(200);
  expect(r.body.ownerid).toEqual(expect.objectContaining({ '@odata.type': '#Microsoft.Dynamics.CRM.systemuser', systemuserid: demoUser('rep').systemUserId }));
  const star = await h.api(`opportunities(${SEED_IDS.opportunity})?$select=name&$expand=*`);
  expect([star.status, star.body.error.code]).toEqual([400, '0x80060888']);
});

test("opportunity lines follow their opportunity's security (no privileges of their own): restricted, who cannot read the 4G opportunity, cannot read its lines", async () => {
  const lines = `opportunityproducts?$select=productdescription&$filter=_opportunityid_value eq ${SEED_IDS.opportunity}`;
  expect((await h.api(lines, { callerObjectId: demoUser('rep').objectId })).body.value).toHaveLength(3);
  expect((await h.api(lines, { callerObjectId: demoUser('restricted').objectId })).body.value).toEqual([]);
  const one = await h.api(`opportunityproducts(${SEED_IDS.opportunityProducts[0]})`, { callerObjectId: demoUser('restricted').objectId });
  expect([one.status, one.body.error.code]).toEqual([403, '0x80048306']);
  // The intersect tables have no privileges either: norole, whose roles name none of them, reads its own roles.
  const mine = await h.api(`systemuserrolescollection?$filter=systemuserid eq ${demoUser('norole').systemUserId}`, {
    callerObjectId: demoUser('norole').objectId,
  });
  expect(mine.status).toBe(200);
});
