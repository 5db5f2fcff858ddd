import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, DEMO_USERS, SANDBOX_PASSWORD, TENANT_ID, WEB_CLIENT, demoUser } from '../../../sandbox/seed/identities';
import { decodePart, postToken } from './token-client';

const DATAVERSE = 'http://127.0.0.1:5555';
const API_SCOPE = `api://${CONNECTOR_APP.clientId}/.default`;
let id: IdentitySandbox;
let jwks: ReturnType<typeof createRemoteJWKSet>;
beforeAll(async () => {
  id = await startIdentity({ port: 0 });
  jwks = createRemoteJWKSet(new URL(id.jwksUri));
});
afterAll(() => id.close());

const userForm = (upn: string, scope = API_SCOPE, password = SANDBOX_PASSWORD) => ({
  grant_type: 'password',
  client_id: WEB_CLIENT.clientId,
  username: upn,
  password,
  scope,
});

describe('password grant for the demo users', () => {
  it.each(DEMO_USERS.map((u) => [u.upn, u] as const))('signs in %s with a token for the connector API', async (_upn, user) => {
    const { status, body } = await postToken(id.tokenEndpoint, userForm(user.upn));
    expect(status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, jwks, {
      issuer: id.issuer,
      audience: CONNECTOR_APP.clientId,
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: id.currentKid() });
    expect(payload).toMatchObject({
      tid: TENANT_ID,
      oid: user.objectId,
      preferred_username: user.upn,
      name: `${user.firstName} ${user.lastName}`,
      scp: 'user_impersonation',
      azp: WEB_CLIENT.clientId,
      azpacr: '0',
      ver: '2.0',
    });
    expect(payload).not.toHaveProperty('idtyp', 'app');
    for (const claim of ['iat', 'nbf', 'exp']) expect(typeof payload[claim]).toBe('number');
  });

  it('answers the granted scopes as <resource>/<scope>', async () => {
    const { body } = await postToken(id.tokenEndpoint, userForm('rep@contoso.example'));
    expect(body.scope).toBe(`api://${CONNECTOR_APP.clientId}/user_impersonation`);
  });

  it('signs users in case-insensitively by UPN', async () => {
    const { status } = await postToken(id.tokenEndpoint, userForm('REP@Contoso.Example'));
    expect(status).toBe(200);
  });

  it('issues a Dataverse token (aud = resource URL) through the confidential connector app with its secret', async () => {
    const form = {
      ...userForm('signer@contoso.example', `${DATAVERSE}/.default`),
      client_id: CONNECTOR_APP.clientId,
      client_secret: CONNECTOR_APP.clientSecret,
    };
    const { status, body } = await postToken(id.tokenEndpoint, form);
    expect(status).toBe(200);
    const claims = decodePart(body.access_token as string, 1);
    expect(claims).toMatchObject({ aud: DATAVERSE, oid: demoUser('signer').objectId, azp: CONNECTOR_APP.clientId, azpacr: '1' });
  });

  it('requires the secret when the client is the confidential connector app', async () => {
    const form = { ...userForm('rep@contoso.example'), client_id: CONNECTOR_APP.clientId };
    const { status, body } = await postToken(id.tokenEndpoint, form);
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('answers a wrong password with 400 invalid_grant (AADSTS50126)', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, userForm('rep@contoso.example', API_SCOPE, 'wrong'));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([50126]);
    expect(body).not.toHaveProperty('access_token');
  });

  it('answers an unknown user with invalid_grant (AADSTS50034)', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, userForm('nobody@contoso.example'));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([50034]);
  });

  it('refuses a scope the connector API does not expose', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, userForm('rep@contoso.example', `api://${CONNECTOR_APP.clientId}/Files.ReadWrite`));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_scope');
  });

  it('refuses scopes for two resources in one request (AADSTS28000)', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, userForm('rep@contoso.example', `${API_SCOPE} ${DATAVERSE}/.default`));
    expect(status).toBe(400);
    expect(body.error_codes).toEqual([28000]);
  });

  it('adds an ID token for openid and a one-time refresh token for offline_access', async () => {
    const first = await postToken(id.tokenEndpoint, userForm('reader@contoso.example', `openid profile offline_access ${API_SCOPE}`));
    expect(first.status).toBe(200);
    const idClaims = (await jwtVerify(first.body.id_token as string, jwks, { issuer: id.issuer, audience: WEB_CLIENT.clientId })).payload;
    expect(idClaims.preferred_username).toBe('reader@contoso.example');
    const refreshForm = { grant_type: 'refresh_token', client_id: WEB_CLIENT.clientId, refresh_token: first.body.refresh_token as string };
    const second = await postToken(id.tokenEndpoint, refreshForm);
    expect(second.status).toBe(200);
    expect(decodePart(second.body.access_token as string, 1).oid).toBe(demoUser('reader').objectId);
    // The used refresh token was replaced by the new one.
    const replay = await postToken(id.tokenEndpoint, refreshForm);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });
});
