/**
 * The bar, end to end with the real identity emulator: an app token from client
 * credentials finds "4G Enterprise Rollout"; with CallerObjectId of restricted@contoso.example
 * the same query does not.
 */
import { setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { connectorAppToken, demoUserToken, startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser } from '../../../sandbox/seed/identities';

let identity: IdentitySandbox;
let dataverse: DataverseSandbox;
let token: string;

beforeAll(async () => {
  identity = await startIdentity();
  dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  // Client credentials, as any OAuth client posts them (the helper throws on anything but 200).
  token = (await connectorAppToken(identity.tokenEndpoint, dataverse.url)).accessToken;
});
afterAll(async () => {
  await dataverse.close();
  await identity.close();
});

const url = () => `${dataverse.apiUrl}opportunities?$select=name&$filter=${encodeURIComponent("name eq '4G Enterprise Rollout'")}`;

test('with the app token the 4G opportunity is returned', async () => {
  const res = await fetch(url(), { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { value: { name: string }[] };
  expect(body.value.map((o) => o.name)).toEqual(['4G Enterprise Rollout']);
});

test('with CallerObjectId of restricted@contoso.example it is not', async () => {
  const res = await fetch(url(), {
    headers: { Authorization: `Bearer ${token}`, CallerObjectId: demoUser('restricted@contoso.example').objectId, Accept: 'application/json' },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { value: unknown[] }).value).toEqual([]);
});

test('a user token (password grant for the environment) acts as that user and sees what they may see', async () => {
  const userToken = await demoUserToken(identity.tokenEndpoint, 'restricted', `${dataverse.url}/user_impersonation`);
  const who = await fetch(`${dataverse.apiUrl}WhoAmI`, { headers: { Authorization: `Bearer ${userToken}` } });
  expect(((await who.json()) as { UserId: string }).UserId).toBe(demoUser('restricted').systemUserId);
  const list = await fetch(url(), { headers: { Authorization: `Bearer ${userToken}` } });
  expect(((await list.json()) as { value: unknown[] }).value).toEqual([]);
});

test('after the identity emulator rotates its signing key, tokens with the new key are accepted at once', async () => {
  await fetch(`${dataverse.apiUrl}WhoAmI`, { headers: { Authorization: `Bearer ${token}` } }); // JWKS fetched and cached
  await identity.rotateKey();
  const fresh = await identity.mintToken({
    aud: dataverse.url,
    azp: CONNECTOR_APP.clientId,
    appid: CONNECTOR_APP.clientId,
    idtyp: 'app',
    oid: CONNECTOR_APP.servicePrincipalObjectId,
  });
  const res = await fetch(`${dataverse.apiUrl}WhoAmI`, { headers: { Authorization: `Bearer ${fresh}` } });
  expect(res.status).toBe(200);
});
