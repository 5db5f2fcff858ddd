import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { TENANT_ID } from '../../../sandbox/seed/identities';

let id: IdentitySandbox;
beforeAll(async () => {
  id = await startIdentity({ port: 0 });
});
afterAll(() => id.close());

describe('identity emulator discovery (Entra v2.0 endpoints)', () => {
  it('puts the tenant id in the authority, as login.microsoftonline.com/{tenant} does', () => {
    expect(id.tenantId).toBe(TENANT_ID);
    expect(id.authority).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${TENANT_ID}$`));
    expect(id.issuer).toBe(`${id.authority}/v2.0`);
    expect(id.tokenEndpoint).toBe(`${id.authority}/oauth2/v2.0/token`);
  });

  it('serves the OpenID configuration at {authority}/v2.0/.well-known/openid-configuration', async () => {
    const res = await fetch(`${id.authority}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(id.issuer);
    expect(doc.token_endpoint).toBe(id.tokenEndpoint);
    expect(doc.jwks_uri).toBe(id.jwksUri);
    expect(doc.jwks_uri).toBe(`${id.authority}/discovery/v2.0/keys`);
    expect(doc.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_post', 'client_secret_basic']));
    expect(typeof doc.authorization_endpoint).toBe('string');
  });

  it('publishes RSA signing keys with kid in the JWKS', async () => {
    const res = await fetch(id.jwksUri);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', kid: id.currentKid(), e: 'AQAB' });
    expect(keys[0].n.length).toBeGreaterThan(300);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const res = await fetch(id.tokenEndpoint.replace(TENANT_ID, '00000000-0000-0000-0000-000000000000'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_codes: number[] };
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([90002]);
  });

  it('refuses GET on the token endpoint as Entra does (AADSTS900561)', async () => {
    const res = await fetch(id.tokenEndpoint);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([900561]);
  });

  it('allows browser callers (CORS preflight answers the page its own origin and the headers msal sends)', async () => {
    const res = await fetch(id.tokenEndpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,client-request-id' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type,client-request-id');
  });

  it('serves /organizations as Entra does: endpoints under the alias, issuer with {tenantid}', async () => {
    const base = id.authority.replace(TENANT_ID, 'organizations');
    const doc = (await (await fetch(`${base}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.authorization_endpoint).toBe(`${base}/oauth2/v2.0/authorize`);
    expect(doc.token_endpoint).toBe(`${base}/oauth2/v2.0/token`);
    expect(doc.issuer).toBe(`${id.authorityHost}/{tenantid}/v2.0`);
  });

  it('advertises the authorize and end-session endpoints, the response modes and PKCE methods', async () => {
    const doc = (await (await fetch(id.openIdConfigurationUrl)).json()) as Record<string, unknown>;
    expect(doc.authorization_endpoint).toBe(id.authorizeEndpoint);
    expect(doc.end_session_endpoint).toBe(id.endSessionEndpoint);
    expect(doc.response_modes_supported).toEqual(expect.arrayContaining(['query', 'fragment']));
    expect(doc.code_challenge_methods_supported).toContain('S256');
  });
});
