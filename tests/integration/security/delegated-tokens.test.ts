/**
 * Issue 24, finding 4 (connector-api.md, the first rule): only delegated access tokens whose `scp`
 * names `user_impersonation` open the API. An ID token, whose audience is the connector's client id
 * too, is 401; an app-only token (client credentials: the connector's own service principal, whose
 * application user holds every privilege the connector needs) is 403 on every route but the
 * webhook, which Entra has no part in. Tokens from the identity emulator's token endpoint, as
 * Entra issues them (learn.microsoft.com/entra/identity-platform/id-tokens, access-tokens).
 */
import { connectorAppToken } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser, SANDBOX_PASSWORD } from '../../../sandbox/seed/identities';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, userToken } from '../contracts/helpers';

let world: World;
beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
}, 180_000);
afterAll(async () => {
  await world?.close();
});

const API = `api://${CONNECTOR_APP.clientId}`;
const SOME_GUID = '6a1f3b52-8c3d-4e9a-b0f1-2d3c4e5f6a7b';

/** Every HTTP route of the app with its parameters filled (a GUID, or a name for the run kinds), the webhook left out. */
function everyRoute(): { method: string; path: string }[] {
  return world.functions.routes
    .filter((r) => !r.route.startsWith('webhooks/'))
    .flatMap((r) => r.methods.map((method) => ({ method: method.toUpperCase(), path: r.route.replace(/\{[^}]+\}/g, SOME_GUID) })));
}

/** A sign-in through the connector's own registration (confidential, with its secret): Entra gives an ID token whose `aud` is the connector's client id. */
async function idTokenForTheConnector(user: string): Promise<string> {
  const res = await fetch(world.identity.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: CONNECTOR_APP.clientId,
      client_secret: CONNECTOR_APP.clientSecret,
      username: demoUser(user).upn,
      password: SANDBOX_PASSWORD,
      scope: `openid profile ${API}/.default`,
    }).toString(),
  });
  const body = (await res.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`no id_token: ${res.status}`);
  const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString('utf8')) as { aud: string; scp?: string };
  // The case the rule is about: the audience alone does not tell it from an access token.
  expect(claims.aud).toBe(CONNECTOR_APP.clientId);
  expect(claims.scp).toBeUndefined();
  return body.id_token;
}

describe('only delegated access tokens open the connector API', () => {
  it('answers 401 to an ID token of the admin, even with the connector as audience', async () => {
    const idToken = await idTokenForTheConnector('admin');
    for (const r of [
      { method: 'GET', path: 'admin/health' },
      { method: 'GET', path: 'admin/runs' },
    ]) {
      const res = await callApi(world, r.method, r.path, { token: idToken });
      expect([r.path, res.status]).toEqual([r.path, 401]);
    }
    // The same person's access token opens the same routes.
    expect((await callApi(world, 'GET', 'admin/runs', { token: await userToken(world, 'admin') })).status).toBe(200);
  });

  it('answers 403 to an app-only token (client credentials) on every route', async () => {
    const { accessToken } = await connectorAppToken(world.identity.tokenEndpoint, API);
    const answers: string[] = [];
    for (const r of everyRoute()) {
      const res = await callApi(world, r.method, r.path, { token: accessToken, ...(r.method === 'GET' ? {} : { body: {} }) });
      answers.push(`${r.method} ${r.path} ${res.status}`);
    }
    expect(answers.length).toBeGreaterThan(15);
    expect(answers.filter((a) => !a.endsWith(' 403'))).toEqual([]);
  }, 60_000);

  it('answers 401 to an access token that does not carry user_impersonation', async () => {
    const rep = demoUser('rep');
    const token = await world.identity.mintToken({ aud: CONNECTOR_APP.clientId, oid: rep.objectId, sub: 'pairwise-sub', scp: 'Files.Read' });
    expect((await callApi(world, 'GET', 'admin/runs', { token })).status).toBe(401);
  });
});
