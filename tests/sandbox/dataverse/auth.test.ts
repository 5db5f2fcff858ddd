/**
 * Who the Web API believes the caller is: bearer tokens from the identity emulator (401 otherwise,
 * with the challenge Dataverse sends), the app user, users, CallerObjectId impersonation, and record
 * security by roles and ownership (a hidden row is 404).
 */
import { demoUser } from '../../../sandbox/seed/identities';
import { startHarness, type Harness } from './fixtures/harness';
import { READ_ONLY_APP, ids } from './fixtures/world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const rolloutQuery = `opportunities?$select=name&$filter=${encodeURIComponent("name eq '4G Enterprise Rollout'")}`;

describe('bearer tokens', () => {
  test('no token is 401 with a WWW-Authenticate challenge', async () => {
    const r = await h.api('WhoAmI', { token: '' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
  });

  test.each([
    ['expired', () => h.identity.expiredToken(h.dv.url)],
    ['signed by an unknown key', () => h.identity.foreignToken(h.dv.url)],
    ['for another audience', () => h.identity.appToken('https://other.crm.dynamics.com')],
    ['from another issuer', () => h.identity.appToken(h.dv.url, { iss: 'https://evil.example/v2.0' })],
  ])('a token %s is 401', async (_name, mint) => {
    const r = await h.api('WhoAmI', { token: await mint() });
    expect(r.status).toBe(401);
  });

  test('the audience may carry a trailing slash', async () => {
    const r = await h.api('WhoAmI', { token: await h.identity.appToken(`${h.dv.url}/`) });
    expect(r.status).toBe(200);
  });

  test('an app token acts as the application user', async () => {
    const r = await h.api('WhoAmI');
    expect(r.status).toBe(200);
    expect(r.body.UserId).toBe('8c4f1e2a-6b3d-4c5e-9f70-0000000000a2');
    expect(r.body.BusinessUnitId).toBe(ids.rootUnit);
    expect(r.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`);
  });

  test('a user token acts as the user with that object id', async () => {
    const r = await h.api('WhoAmI', { token: await h.identity.userToken(h.dv.url, 'rep') });
    expect(r.body.UserId).toBe(demoUser('rep').systemUserId);
  });

  test('an app with no application user is refused', async () => {
    const r = await h.api('WhoAmI', {
      token: await h.identity.appToken(h.dv.url, { appid: '11111111-2222-4333-8444-555555555555', azp: '11111111-2222-4333-8444-555555555555' }),
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80072560');
  });
});

describe('CallerObjectId', () => {
  test('the app sees the 4G opportunity; acting as restricted it does not (absent from lists, 404 by id)', async () => {
    const asApp = await h.api(rolloutQuery);
    expect(asApp.body.value.map((o: { name: string }) => o.name)).toEqual(['4G Enterprise Rollout']);

    const restricted = demoUser('restricted').objectId;
    const list = await h.api(rolloutQuery, { callerObjectId: restricted });
    expect(list.status).toBe(200);
    expect(list.body.value).toEqual([]);
    const byId = await h.api(`opportunities(${ids.rollout})`, { callerObjectId: restricted });
    // The row exists but restricted's depth does not reach it: Dataverse's access-check error, not 404.
    expect(byId.status).toBe(403);
    expect(byId.body.error.code).toBe('0x80048306');
    expect(byId.body.error.message).toMatch(/^SecLib::AccessCheckEx failed\. Returned hr = -2147187962, ObjectID: .*AccessRights: ReadAccess/);
  });

  test('WhoAmI answers the impersonated user', async () => {
    const r = await h.api('WhoAmI', { callerObjectId: demoUser('signer').objectId });
    expect(r.body.UserId).toBe(demoUser('signer').systemUserId);
  });

  test('Basic depth sees own rows, Local depth the business unit, Global everything', async () => {
    const all = (await h.api('opportunities?$select=name')).body.value.map((o: { name: string }) => o.name).sort();
    const rep = (await h.api('opportunities?$select=name', { callerObjectId: demoUser('rep').objectId })).body.value
      .map((o: { name: string }) => o.name)
      .sort();
    const restricted = (await h.api('opportunities?$select=name', { callerObjectId: demoUser('restricted').objectId })).body.value.map(
      (o: { name: string }) => o.name,
    );
    expect(all).toEqual(['4G Enterprise Rollout', 'Other unit deal', 'Small deal']);
    expect(rep).toEqual(['4G Enterprise Rollout', 'Small deal']);
    expect(restricted).toEqual(['Small deal']);
  });

  test("Deep depth reaches the business units below the caller's", async () => {
    const reader = (await h.api('opportunities?$select=name', { callerObjectId: demoUser('reader').objectId })).body.value
      .map((o: { name: string }) => o.name)
      .sort();
    expect(reader).toEqual(['4G Enterprise Rollout', 'Other unit deal', 'Small deal']);
  });

  test("Basic depth includes rows owned by one of the caller's teams", async () => {
    const r = await h.api('contacts?$select=fullname', { callerObjectId: demoUser('teamrep').objectId });
    expect(r.body.value.map((c: { fullname: string }) => c.fullname)).toEqual(['Tim Team']);
  });

  test('expanded rows the caller cannot read come back null', async () => {
    const r = await h.api(`accounts(${ids.fabrikam})?$select=name&$expand=parentaccountid($select=name)`, { callerObjectId: demoUser('restricted').objectId });
    expect(r.status).toBe(200);
    expect(r.body.parentaccountid).toBeNull();
    expect(r.body._parentaccountid_value).toBeUndefined();
  });

  test('a disabled user cannot be impersonated', async () => {
    const r = await h.api('WhoAmI', { callerObjectId: demoUser('disabled').objectId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80040225');
  });

  test("a disabled user's own token is refused", async () => {
    const r = await h.api('WhoAmI', { token: await h.identity.userToken(h.dv.url, 'disabled') });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80040225');
  });

  test('an unknown object id is refused', async () => {
    const r = await h.api('WhoAmI', { callerObjectId: '99999999-9999-4999-8999-999999999999' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80072560');
  });

  test('impersonation needs prvActOnBehalfOfAnotherUser', async () => {
    const token = await h.identity.userToken(h.dv.url, 'rep');
    const r = await h.api('WhoAmI', { token, callerObjectId: demoUser('signer').objectId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80040220');
  });

  test('a user with no role on a table cannot list it', async () => {
    const r = await h.api('opportunities?$select=name', { callerObjectId: demoUser('norole').objectId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80040220');
  });
});

describe("impersonation uses the intersection of both users' privileges", () => {
  test('a read-only app acting as rep reads what rep reads but cannot create what rep could', async () => {
    const token = await h.identity.appToken(h.dv.url, { appid: READ_ONLY_APP.clientId, azp: READ_ONLY_APP.clientId });
    const rep = demoUser('rep').objectId;
    const read = await h.api(`opportunities(${ids.rollout})?$select=name`, { token, callerObjectId: rep });
    expect(read.status).toBe(200);
    const hidden = await h.api(`opportunities(${ids.otherUnitDeal})?$select=name`, { token, callerObjectId: rep });
    expect(hidden.status).toBe(403); // the app reads everything, rep only their unit: rep's depth wins
    expect(hidden.body.error.code).toBe('0x80048306');
    const create = await h.api('opportunities', { method: 'POST', token, callerObjectId: rep, body: { name: 'Not allowed' } });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('0x80040220');
  });
});

describe('privileges on writes', () => {
  test('restricted may create its own row but not write a row it only reads... nor see others', async () => {
    const restricted = demoUser('restricted').objectId;
    const created = await h.api('opportunities', { method: 'POST', callerObjectId: restricted, body: { name: 'Mine' } });
    expect(created.status).toBe(204);
    const id = /\(([^)]+)\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1];
    const mine = await h.api(`opportunities(${id})?$select=_ownerid_value,_owningbusinessunit_value,_createdby_value`, { callerObjectId: restricted });
    expect(mine.body._ownerid_value).toBe(demoUser('restricted').systemUserId);
    expect(mine.body._createdby_value).toBe(demoUser('restricted').systemUserId);
    expect(mine.body._owningbusinessunit_value).toBe(ids.salesUnit);

    const update = await h.api(`opportunities(${ids.rollout})`, {
      method: 'PATCH',
      callerObjectId: restricted,
      body: { name: 'x' },
      headers: { 'If-Match': '*' },
    });
    expect(update.status).toBe(403);
    expect(update.body.error.code).toBe('0x80048306');
    expect(update.body.error.message).toMatch(/AccessRights: WriteAccess $/);
  });

  test("rep reads a colleague's row (Local) but may not write it (Basic): 403 0x80040220", async () => {
    const r = await h.api(`opportunities(${ids.smallDeal})`, { method: 'PATCH', callerObjectId: demoUser('rep').objectId, body: { name: 'Renamed' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80040220');
    expect(r.body.error.message).toContain('prvWriteOpportunity');
  });
});
