/**
 * The token rules of connector-api.md against the identity emulator's real JWKS: a token of the
 * tenant for the connector passes (v2.0 audience = client id, v1.0 audience = Application ID URI);
 * expired, not yet valid, other audience, other issuer, foreign key, `alg: none`, HS256 and a
 * missing header are 401.
 */
import { SignJWT } from 'jose';
import { EntraTokenValidator } from '../../../functions/src/adapters/identity/entra-token-validator';
import { UnauthenticatedError } from '../../../functions/src/services/errors';
import { signWithForeignKey, startIdentity, unsignedToken, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser, TENANT_ID } from '../../../sandbox/seed/identities';

const rep = demoUser('rep');
let identity: IdentitySandbox;
let validator: EntraTokenValidator;
const user = () => ({ aud: CONNECTOR_APP.clientId, oid: rep.objectId, scp: 'user_impersonation', sub: 'x' });

beforeAll(async () => {
  identity = await startIdentity();
  validator = new EntraTokenValidator({
    authorityHost: identity.authorityHost,
    tenantId: TENANT_ID,
    clientId: CONNECTOR_APP.clientId,
    connectorAudience: `api://${CONNECTOR_APP.clientId}`,
    // No wait between JWKS fetches, so the rotation case need not sleep 30 s.
    jwksCooldownMs: 0,
  });
});
afterAll(() => identity.close());

async function refusal(header: string | undefined): Promise<string> {
  const e = await validator.verify(header).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UnauthenticatedError);
  return (e as Error).message;
}

describe('EntraTokenValidator', () => {
  it('accepts a v2.0 token of the tenant for the connector client id and returns the oid', async () => {
    const caller = await validator.verify(`Bearer ${await identity.mintToken(user())}`);
    expect(caller).toEqual({ objectId: rep.objectId, isApp: false });
  });

  it('accepts the Application ID URI audience and the v1.0 issuer', async () => {
    const token = await identity.mintToken({ ...user(), aud: `api://${CONNECTOR_APP.clientId}`, iss: `https://sts.windows.net/${TENANT_ID}/`, ver: '1.0' });
    await expect(validator.verify(`Bearer ${token}`)).resolves.toMatchObject({ objectId: rep.objectId });
  });

  it('refuses an expired token', async () => {
    expect(await refusal(`Bearer ${await identity.mintToken(user(), { expiresInSeconds: -600 })}`)).toMatch(/expired/);
  });

  it('refuses a token that is not valid yet', async () => {
    expect(await refusal(`Bearer ${await identity.mintToken(user(), { notBeforeSeconds: 600 })}`)).toMatch(/not valid yet/);
  });

  it('refuses a token for another audience', async () => {
    expect(await refusal(`Bearer ${await identity.mintToken({ ...user(), aud: 'https://graph.microsoft.com' })}`)).toMatch(/another application/);
  });

  it('refuses a token from another issuer', async () => {
    expect(await refusal(`Bearer ${await identity.mintToken({ ...user(), iss: 'https://login.microsoftonline.com/other-tenant/v2.0' })}`)).toMatch(
      /not issued/,
    );
  });

  it('refuses a token signed by a key the tenant does not publish, even with a known kid', async () => {
    const token = await signWithForeignKey({ ...user(), iss: identity.issuer, exp: Math.floor(Date.now() / 1000) + 600 }, { kid: identity.currentKid() });
    expect(await refusal(`Bearer ${token}`)).toMatch(/signature/);
  });

  it('refuses alg none and HS256', async () => {
    const claims = { ...user(), iss: identity.issuer, exp: Math.floor(Date.now() / 1000) + 600 };
    await refusal(`Bearer ${unsignedToken(claims, { kid: identity.currentKid() })}`);
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: identity.currentKid() })
      .sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    expect(await refusal(`Bearer ${hs}`)).toMatch(/RS256/);
  });

  it('refuses a missing or non-bearer Authorization header', async () => {
    await refusal(undefined);
    await refusal('Basic dXNlcjpwYXNz');
  });

  // connector-api.md, the first rule; Microsoft's claims-validation article, "Validate the subject".
  it('refuses an ID token (audience the client id, no scp) as no access token', async () => {
    const idToken = await identity.mintToken({ aud: CONNECTOR_APP.clientId, oid: rep.objectId, sub: 'pairwise-subject', nonce: 'n-0S6_WzA2Mj' });
    expect(await refusal(`Bearer ${idToken}`)).toMatch(/not an access token/);
  });

  it('refuses a delegated token whose scp does not name user_impersonation', async () => {
    expect(await refusal(`Bearer ${await identity.mintToken({ ...user(), scp: 'Files.Read User.Read' })}`)).toMatch(/user_impersonation/);
  });

  it('reports an app-only token (idtyp app, or oid equal to sub without scp) as an app, for authorization to refuse', async () => {
    const sp = '8c4f1e2a-6b3d-4c5e-9f70-0000000000a1';
    const withIdtyp = await identity.mintToken({ aud: CONNECTOR_APP.clientId, oid: sp, sub: sp, azp: CONNECTOR_APP.clientId, idtyp: 'app' });
    const withoutIdtyp = await identity.mintToken({ aud: CONNECTOR_APP.clientId, oid: sp, sub: sp, azp: CONNECTOR_APP.clientId, roles: ['Sync.All'] });
    await expect(validator.verify(`Bearer ${withIdtyp}`)).resolves.toEqual({ objectId: sp, isApp: true });
    await expect(validator.verify(`Bearer ${withoutIdtyp}`)).resolves.toEqual({ objectId: sp, isApp: true });
  });

  it('follows a key rotation (a token signed with the new key passes)', async () => {
    await identity.rotateKey();
    await expect(validator.verify(`Bearer ${await identity.mintToken(user())}`)).resolves.toMatchObject({ objectId: rep.objectId });
  });
});
