import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { jwtVerify, createRemoteJWKSet } from 'jose';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, WEB_CLIENT, demoUser } from '../../../sandbox/seed/identities';

/**
 * msal-node refuses an http authority (authority_uri_insecure), so a client of the emulator names an
 * https authority on the emulator's host and hands MSAL the emulator's discovery document
 * (authorityMetadata, whose endpoints are http) and the host as a known authority (no instance
 * discovery call to login.microsoftonline.com). MSAL then POSTs to the emulator's token endpoint.
 */
let id: IdentitySandbox;
beforeAll(async () => {
  id = await startIdentity({ port: 0 });
});
afterAll(() => id.close());

describe('@azure/msal-node against the identity emulator', () => {
  it('refuses the plain http authority (so the workaround below is needed)', async () => {
    const cca = new ConfidentialClientApplication({
      auth: { clientId: CONNECTOR_APP.clientId, clientSecret: CONNECTOR_APP.clientSecret, authority: id.authority },
    });
    await expect(cca.acquireTokenByClientCredential({ scopes: ['http://127.0.0.1:5555/.default'] })).rejects.toThrow(/authority_uri_insecure/);
  });

  it('gets a client-credentials token with an https authority plus the emulator metadata', async () => {
    const host = new URL(id.authority).host;
    const authorityMetadata = await (await fetch(id.openIdConfigurationUrl)).text();
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: CONNECTOR_APP.clientId,
        clientSecret: CONNECTOR_APP.clientSecret,
        authority: `https://${host}/${id.tenantId}`,
        knownAuthorities: [host],
        authorityMetadata,
      },
    });
    const resource = 'http://127.0.0.1:5555';
    const result = await cca.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    expect(result?.accessToken).toBeTruthy();
    const { payload } = await jwtVerify(result!.accessToken, createRemoteJWKSet(new URL(id.jwksUri)), {
      issuer: id.issuer,
      audience: resource,
    });
    expect(payload.oid).toBe(CONNECTOR_APP.servicePrincipalObjectId);
    // A second call is served from MSAL's cache: same token.
    const again = await cca.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    expect(again?.accessToken).toBe(result!.accessToken);
  });
});

describe('@azure/msal-node user sign-in (username/password) against the identity emulator', () => {
  it('signs a demo user in through the public web client and knows the account', async () => {
    const host = new URL(id.authority).host;
    const pca = new PublicClientApplication({
      auth: {
        clientId: WEB_CLIENT.clientId,
        authority: `https://${host}/${id.tenantId}`,
        knownAuthorities: [host],
        authorityMetadata: await (await fetch(id.openIdConfigurationUrl)).text(),
      },
    });
    const result = await pca.acquireTokenByUsernamePassword({
      scopes: [`api://${CONNECTOR_APP.clientId}/.default`],
      username: 'rep@contoso.example',
      password: 'sandbox',
    });
    expect(result?.account?.username).toBe('rep@contoso.example');
    expect(result?.account?.localAccountId).toBe(demoUser('rep').objectId);
    expect(result?.account?.tenantId).toBe(id.tenantId);
    // From client_info, as with Entra: <oid>.<tid>.
    expect(result?.account?.homeAccountId).toBe(`${demoUser('rep').objectId}.${id.tenantId}`);
    const { payload } = await jwtVerify(result!.accessToken, createRemoteJWKSet(new URL(id.jwksUri)), {
      issuer: id.issuer,
      audience: CONNECTOR_APP.clientId,
    });
    expect(payload.oid).toBe(demoUser('rep').objectId);
  });
});
