import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, TENANT_ID, WEB_CLIENT } from '../../../sandbox/seed/identities';
import { decodePart, postToken } from './token-client';

const DATAVERSE = 'http://127.0.0.1:5555';
let id: IdentitySandbox;
beforeAll(async () => {
  id = await startIdentity({ port: 0 });
});
afterAll(() => id.close());

const appForm = (scope: string, secret: string = CONNECTOR_APP.clientSecret) => ({
  grant_type: 'client_credentials',
  client_id: CONNECTOR_APP.clientId,
  client_secret: secret,
  scope,
});

describe('client_credentials grant', () => {
  it('issues an RS256 app token for Dataverse whose audience is the resource URL', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, appForm(`${DATAVERSE}/.default`));
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer' });
    expect(typeof body.expires_in).toBe('number');
    expect(body).not.toHaveProperty('refresh_token');
    const token = body.access_token as string;
    expect(decodePart(token, 0)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: id.currentKid() });

    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(id.jwksUri)), {
      issuer: id.issuer,
      audience: DATAVERSE,
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({
      tid: TENANT_ID,
      oid: CONNECTOR_APP.servicePrincipalObjectId,
      sub: CONNECTOR_APP.servicePrincipalObjectId,
      azp: CONNECTOR_APP.clientId,
      appid: CONNECTOR_APP.clientId,
      idtyp: 'app',
      ver: '2.0',
    });
    expect(payload).not.toHaveProperty('scp');
    expect(payload.nbf).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(payload.exp! - payload.iat!).toBeGreaterThan(3000);
  });

  it("gives the connector app's own client id as audience for api://<clientId>/.default", async () => {
    const { status, body } = await postToken(id.tokenEndpoint, appForm(`api://${CONNECTOR_APP.clientId}/.default`));
    expect(status).toBe(200);
    expect(decodePart(body.access_token as string, 1).aud).toBe(CONNECTOR_APP.clientId);
  });

  it('accepts the secret in an HTTP Basic header (client_secret_basic)', async () => {
    const basic = Buffer.from(`${CONNECTOR_APP.clientId}:${encodeURIComponent(CONNECTOR_APP.clientSecret)}`).toString('base64');
    const { status } = await postToken(
      id.tokenEndpoint,
      { grant_type: 'client_credentials', scope: `${DATAVERSE}/.default` },
      { Authorization: `Basic ${basic}` },
    );
    expect(status).toBe(200);
  });

  it('answers a wrong secret with 401 invalid_client (AADSTS7000215) and no token', async () => {
    const { status, body, headers } = await postToken(id.tokenEndpoint, appForm(`${DATAVERSE}/.default`, 'wrong'));
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(body.error_codes).toEqual([7000215]);
    expect(body.error_description).toMatch(/^AADSTS7000215: /);
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
    expect(body).not.toHaveProperty('access_token');
    expect(headers.get('content-type')).toMatch(/application\/json/);
  });

  it('answers a missing secret with 401 invalid_client (AADSTS7000218)', async () => {
    const { client_secret: _ignored, ...form } = appForm(`${DATAVERSE}/.default`);
    const { status, body } = await postToken(id.tokenEndpoint, form);
    expect(status).toBe(401);
    expect(body.error_codes).toEqual([7000218]);
  });

  it('refuses a public client (it has no secret to prove itself)', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_id: WEB_CLIENT.clientId,
      scope: `${DATAVERSE}/.default`,
    });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('answers an unknown application with AADSTS700016', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, { ...appForm(`${DATAVERSE}/.default`), client_id: '11111111-1111-1111-1111-111111111111' });
    expect(status).toBe(400);
    expect(body.error).toBe('unauthorized_client');
    expect(body.error_codes).toEqual([700016]);
  });

  it('requires a /.default scope (AADSTS1002012)', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, appForm(`${DATAVERSE}/user_impersonation`));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_scope');
    expect(body.error_codes).toEqual([1002012]);
  });

  it('requires the scope parameter (AADSTS900144)', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, {
      grant_type: 'client_credentials',
      client_id: CONNECTOR_APP.clientId,
      client_secret: CONNECTOR_APP.clientSecret,
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([900144]);
  });

  it('answers an unsupported grant type with unsupported_grant_type', async () => {
    const { status, body } = await postToken(id.tokenEndpoint, { ...appForm(`${DATAVERSE}/.default`), grant_type: 'urn:example:magic' });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });

  it('reads only form-encoded bodies, as Entra does', async () => {
    const res = await fetch(id.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(appForm(`${DATAVERSE}/.default`)),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('a tenant that lists its resources', () => {
  let strict: IdentitySandbox;
  beforeAll(async () => {
    strict = await startIdentity({ port: 0, resources: [] });
  });
  afterAll(() => strict.close());

  it('refuses a resource it does not know (AADSTS500011), then accepts it once added', async () => {
    const before = await postToken(strict.tokenEndpoint, appForm(`${DATAVERSE}/.default`));
    expect(before.status).toBe(400);
    expect(before.body.error).toBe('invalid_resource');
    expect(before.body.error_codes).toEqual([500011]);
    strict.addResource(DATAVERSE);
    const after = await postToken(strict.tokenEndpoint, appForm(`${DATAVERSE}/.default`));
    expect(after.status).toBe(200);
  });
});
