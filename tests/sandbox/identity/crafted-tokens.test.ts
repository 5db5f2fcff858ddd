import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { signWithForeignKey, startIdentity, unsignedToken, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser } from '../../../sandbox/seed/identities';

/** What a resource server does with a token from this tenant: the checks the connector must make. */
let id: IdentitySandbox;
let verify: (token: string) => ReturnType<typeof jwtVerify>;
beforeAll(async () => {
  id = await startIdentity({ port: 0 });
  const jwks = createRemoteJWKSet(new URL(id.jwksUri));
  verify = (token) => jwtVerify(token, jwks, { issuer: id.issuer, audience: CONNECTOR_APP.clientId, algorithms: ['RS256'] });
});
afterAll(() => id.close());

const rep = demoUser('rep');
const repClaims = () => ({ aud: CONNECTOR_APP.clientId, oid: rep.objectId, preferred_username: rep.upn, scp: 'user_impersonation' });

describe('crafted tokens for tests of token checkers', () => {
  it('mints a valid token with the defaults filled in', async () => {
    const { payload } = await verify(await id.mintToken(repClaims()));
    expect(payload).toMatchObject({ iss: id.issuer, tid: id.tenantId, oid: rep.objectId });
  });

  it('mints an expired token that a checker refuses', async () => {
    const token = await id.mintToken(repClaims(), { expiresInSeconds: -60 });
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('mints a not-yet-valid token (nbf in the future)', async () => {
    const token = await id.mintToken(repClaims(), { notBeforeSeconds: 3600 });
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWTClaimValidationFailed);
  });

  it('lets a test override aud and iss', async () => {
    await expect(verify(await id.mintToken({ ...repClaims(), aud: 'api://someone-else' }))).rejects.toThrow();
    await expect(verify(await id.mintToken({ ...repClaims(), iss: 'https://login.microsoftonline.com/other/v2.0' }))).rejects.toThrow();
  });

  it('signs with a foreign key under the real kid, which fails the signature check', async () => {
    const token = await signWithForeignKey({ ...repClaims(), iss: id.issuer, exp: Math.floor(Date.now() / 1000) + 600 }, { kid: id.currentKid() });
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });

  it('makes an alg:none token that a checker refuses', async () => {
    const token = unsignedToken({ ...repClaims(), iss: id.issuer, exp: Math.floor(Date.now() / 1000) + 600 });
    expect(token.endsWith('.')).toBe(true);
    await expect(verify(token)).rejects.toThrow();
  });

  it('keeps the old key in the JWKS after a rotation, so earlier tokens still verify', async () => {
    const before = await id.mintToken(repClaims());
    const oldKid = id.currentKid();
    const newKid = await id.rotateKey();
    expect(newKid).not.toBe(oldKid);
    const after = await id.mintToken(repClaims());
    // A fresh JWKS fetch, as a checker does on an unknown kid (jose waits out a cooldown first).
    const fresh = createRemoteJWKSet(new URL(id.jwksUri));
    const opts = { issuer: id.issuer, audience: CONNECTOR_APP.clientId };
    await expect(jwtVerify(before, fresh, opts)).resolves.toBeDefined();
    await expect(jwtVerify(after, fresh, opts)).resolves.toBeDefined();
  });
});
