/**
 * Redeeming authorization codes at the token endpoint, against "Microsoft identity platform and
 * OAuth 2.0 authorization code flow" (Redeem a code for an access token; Redirect URIs for
 * single-page apps; Refresh the access token: 24 hours for spa) and the AADSTS codes of "Microsoft
 * Entra authentication and authorization error codes" (54005, 70008, 501481, 700084, 9002326/7).
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, DYNAMICS_APP, TENANT_ID, WEB_CLIENT, demoUser } from '../../../sandbox/seed/identities';
import { TestBrowser, pkcePair, redirectParams } from './browser-client';
import { decodePart, postToken } from './token-client';

const ORG = 'http://127.0.0.1:7001';
const SIGNIN = `${ORG}/WebResources/dtclm_/html/signin.html`;
const WEB_CALLBACK = `${ORG}/web/callback`;
const API = `api://${CONNECTOR_APP.clientId}/.default`;
const SCOPE = `${API} openid profile offline_access`;
let id: IdentitySandbox;
let jwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  id = await startIdentity({ port: 0 });
  jwks = createRemoteJWKSet(new URL(id.jwksUri));
  id.registerRedirectUri(SIGNIN);
  id.registerRedirectUri(WEB_CALLBACK, { type: 'web' });
  id.registerRedirectUri(`${ORG}/web-client/callback`, { type: 'spa', clientId: WEB_CLIENT.clientId });
});
afterAll(() => id.close());

interface Issued {
  code: string;
  verifier: string;
  redirectUri: string;
}

async function codeFor(user = 'rep@contoso.example', opts: { redirectUri?: string; clientId?: string; pkce?: boolean } = {}): Promise<Issued> {
  const redirectUri = opts.redirectUri ?? SIGNIN;
  const { verifier, challenge } = pkcePair();
  const q = new URLSearchParams({
    client_id: opts.clientId ?? CONNECTOR_APP.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'fragment',
    scope: SCOPE,
    state: 's',
    nonce: 'the-nonce',
    client_info: '1',
    ...(opts.pkce === false ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }),
  });
  const done = await new TestBrowser().signIn(`${id.authorizeEndpoint}?${q.toString()}`, user);
  const { params } = redirectParams(done.location as string);
  if (!params.code) throw new Error(`No code: ${params.error_description}`);
  return { code: params.code, verifier, redirectUri };
}

const redeemForm = (c: Issued, extra: Record<string, string> = {}) => ({
  client_id: CONNECTOR_APP.clientId,
  grant_type: 'authorization_code',
  code: c.code,
  redirect_uri: c.redirectUri,
  code_verifier: c.verifier,
  scope: SCOPE,
  client_info: '1',
  ...extra,
});
const fromPage = { Origin: ORG };

/** Seconds left, counted from the sign-in: at most `seconds`, less by the test's own run time. */
function expectAbout(value: unknown, seconds: number): void {
  expect(typeof value).toBe('number');
  expect(value as number).toBeLessThanOrEqual(seconds);
  expect(value as number).toBeGreaterThan(seconds - 120);
}

function expectError(answer: { status: number; body: Record<string, unknown> }, status: number, error: string, aadsts: number): void {
  expect(answer.status).toBe(status);
  expect(answer.body.error).toBe(error);
  expect(answer.body.error_codes).toEqual([aadsts]);
  expect(answer.body.error_description).toMatch(new RegExp(`^AADSTS${aadsts}: `));
}

describe('redeeming a code of a spa redirect URI, cross-origin (as msal-browser does)', () => {
  it('answers the page its own origin (CORS) with an access token for the connector API, an ID token with the nonce, a 24 h refresh token', async () => {
    const c = await codeFor();
    const answer = await postToken(id.tokenEndpoint, redeemForm(c), fromPage);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORG);
    const rep = demoUser('rep');
    const access = (await jwtVerify(answer.body.access_token as string, jwks, { issuer: id.issuer, audience: CONNECTOR_APP.clientId })).payload;
    expect(access).toMatchObject({ oid: rep.objectId, scp: 'user_impersonation', azp: CONNECTOR_APP.clientId, tid: TENANT_ID, ver: '2.0' });
    const idToken = (await jwtVerify(answer.body.id_token as string, jwks, { issuer: id.issuer, audience: CONNECTOR_APP.clientId })).payload;
    expect(idToken).toMatchObject({ nonce: 'the-nonce', oid: rep.objectId, preferred_username: rep.upn });
    expect(typeof answer.body.refresh_token).toBe('string');
    expectAbout(answer.body.refresh_token_expires_in, 24 * 3600);
    expect(decodePart(`x.${answer.body.client_info as string}.y`, 1)).toEqual({ uid: rep.objectId, utid: TENANT_ID });
    expect(answer.body.scope).toBe(`api://${CONNECTOR_APP.clientId}/user_impersonation openid profile`);
  });

  it('redeems a code once: the second time is invalid_grant (AADSTS54005)', async () => {
    const c = await codeFor();
    expect((await postToken(id.tokenEndpoint, redeemForm(c), fromPage)).status).toBe(200);
    expectError(await postToken(id.tokenEndpoint, redeemForm(c), fromPage), 400, 'invalid_grant', 54005);
  });

  it('only with the verifier of its challenge: another verifier is invalid_grant (AADSTS501481), none is AADSTS900144', async () => {
    const c = await codeFor();
    expectError(await postToken(id.tokenEndpoint, redeemForm(c, { code_verifier: pkcePair().verifier }), fromPage), 400, 'invalid_grant', 501481);
    const { code_verifier: _omitted, ...noVerifier } = redeemForm(c);
    expectError(await postToken(id.tokenEndpoint, noVerifier, fromPage), 400, 'invalid_request', 900144);
    // A failed attempt does not burn the code: the right verifier still redeems it.
    expect((await postToken(id.tokenEndpoint, redeemForm(c), fromPage)).status).toBe(200);
  });

  it('only for the redirect URI it was issued to (AADSTS500112), by the client it was issued to (AADSTS70000)', async () => {
    const c = await codeFor();
    expectError(await postToken(id.tokenEndpoint, redeemForm(c, { redirect_uri: `${ORG}/other.html` }), fromPage), 400, 'invalid_grant', 500112);
    expectError(await postToken(id.tokenEndpoint, redeemForm(c, { client_id: WEB_CLIENT.clientId }), fromPage), 400, 'invalid_grant', 70000);
  });

  it('within about 10 minutes: afterwards invalid_grant (AADSTS70008)', async () => {
    const c = await codeFor();
    id.advanceClock(601);
    try {
      expectError(await postToken(id.tokenEndpoint, redeemForm(c), fromPage), 400, 'invalid_grant', 70008);
    } finally {
      id.advanceClock(-601);
    }
  });

  it('never without an Origin: a spa code redeemed server-side is invalid_request (AADSTS9002327)', async () => {
    const c = await codeFor();
    expectError(await postToken(id.tokenEndpoint, redeemForm(c)), 400, 'invalid_request', 9002327);
  });

  it('as a public client: a client secret sent with it is refused (AADSTS700025)', async () => {
    const c = await codeFor();
    expectError(await postToken(id.tokenEndpoint, redeemForm(c, { client_secret: CONNECTOR_APP.clientSecret }), fromPage), 401, 'invalid_client', 700025);
  });

  it('an unknown code is invalid_grant', async () => {
    const answer = await postToken(id.tokenEndpoint, redeemForm({ code: '1.not-a-code', verifier: 'v'.repeat(43), redirectUri: SIGNIN }), fromPage);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_grant');
  });
});

describe('a code of a web (not spa) redirect URI', () => {
  it('redeemed cross-origin is refused as Entra refuses it (AADSTS9002326), CORS headers on so the page can read why', async () => {
    const c = await codeFor('rep@contoso.example', { redirectUri: WEB_CALLBACK });
    const answer = await postToken(id.tokenEndpoint, redeemForm(c), fromPage);
    expectError(answer, 400, 'invalid_request', 9002326);
    expect(answer.body.error_description).toContain(`Request origin: '${ORG}'`);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORG);
  });

  it('redeemed server-side by the confidential app with its secret: tokens, and a refresh token without the spa limit', async () => {
    const c = await codeFor('rep@contoso.example', { redirectUri: WEB_CALLBACK });
    expectError(await postToken(id.tokenEndpoint, redeemForm(c)), 401, 'invalid_client', 7000218);
    const answer = await postToken(id.tokenEndpoint, redeemForm(c, { client_secret: CONNECTOR_APP.clientSecret }));
    expect(answer.status).toBe(200);
    expect(answer.body.refresh_token).toBeTruthy();
    expect(answer.body).not.toHaveProperty('refresh_token_expires_in');
  });
});

describe('"Dynamics" signs the person in first (its own app, a web redirect URI, server-side redemption)', () => {
  it("leaves the Entra session the connector app's pages then use silently", async () => {
    id.registerRedirectUri(`${ORG}/signin-oidc`, { clientId: DYNAMICS_APP.clientId, type: 'web' });
    const browser = new TestBrowser();
    const q = new URLSearchParams({
      client_id: DYNAMICS_APP.clientId,
      response_type: 'code',
      redirect_uri: `${ORG}/signin-oidc`,
      scope: 'openid profile',
      login_hint: 'rep@contoso.example',
    });
    const done = await browser.signIn(`${id.authorizeEndpoint}?${q.toString()}`, 'rep@contoso.example');
    const code = new URL(done.location as string).searchParams.get('code') as string;
    const dynamics = await postToken(id.tokenEndpoint, {
      client_id: DYNAMICS_APP.clientId,
      client_secret: DYNAMICS_APP.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${ORG}/signin-oidc`,
      scope: 'openid profile',
    });
    expect(dynamics.status).toBe(200);
    expect(decodePart(dynamics.body.id_token as string, 1)).toMatchObject({ aud: DYNAMICS_APP.clientId, preferred_username: 'rep@contoso.example' });

    const { challenge } = pkcePair();
    const silent = new URLSearchParams({
      client_id: CONNECTOR_APP.clientId,
      response_type: 'code',
      redirect_uri: SIGNIN,
      response_mode: 'fragment',
      scope: SCOPE,
      prompt: 'none',
      login_hint: 'rep@contoso.example',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const answer = await browser.get(`${id.authorizeEndpoint}?${silent.toString()}`);
    expect(redirectParams(answer.location as string).params.code).toMatch(/^1\./);
  });
});

describe('refresh tokens of a spa redirect URI', () => {
  it('refresh cross-origin, keep the 24 hours of the first sign-in, then invalid_grant (AADSTS700084)', async () => {
    const c = await codeFor();
    const first = await postToken(id.tokenEndpoint, redeemForm(c), fromPage);
    const refresh = (rt: string) =>
      postToken(id.tokenEndpoint, { client_id: CONNECTOR_APP.clientId, grant_type: 'refresh_token', refresh_token: rt, scope: SCOPE }, fromPage);
    id.advanceClock(3600);
    try {
      const second = await refresh(first.body.refresh_token as string);
      expect(second.status).toBe(200);
      expect(second.headers.get('access-control-allow-origin')).toBe(ORG);
      expectAbout(second.body.refresh_token_expires_in, 23 * 3600);
      // Without an Origin, a spa refresh token is refused like its code.
      expectError(
        await postToken(id.tokenEndpoint, {
          client_id: CONNECTOR_APP.clientId,
          grant_type: 'refresh_token',
          refresh_token: second.body.refresh_token as string,
        }),
        400,
        'invalid_request',
        9002327,
      );
      id.advanceClock(23 * 3600);
      const late = await refresh(second.body.refresh_token as string);
      expectError(late, 400, 'invalid_grant', 700084);
      expect(late.body.error_description).toContain('single page app (SPA)');
    } finally {
      id.advanceClock(-24 * 3600);
    }
  });
});

describe('no password or secret from a page', () => {
  it('the password grant with an Origin is refused (AADSTS9002326)', async () => {
    const answer = await postToken(
      id.tokenEndpoint,
      { grant_type: 'password', client_id: WEB_CLIENT.clientId, username: 'rep@contoso.example', password: 'sandbox', scope: API },
      fromPage,
    );
    expectError(answer, 400, 'invalid_request', 9002326);
  });

  it('client credentials with an Origin are refused (AADSTS9002326)', async () => {
    const answer = await postToken(
      id.tokenEndpoint,
      { grant_type: 'client_credentials', client_id: CONNECTOR_APP.clientId, client_secret: CONNECTOR_APP.clientSecret, scope: API },
      fromPage,
    );
    expectError(answer, 400, 'invalid_request', 9002326);
  });
});

describe('the token log', () => {
  it('records each call: grant, client, redirect URI and its type, PKCE, Origin and outcome', async () => {
    const before = id.tokenLog().length;
    const c = await codeFor();
    await postToken(id.tokenEndpoint, redeemForm(c), fromPage);
    await postToken(id.tokenEndpoint, redeemForm(c), fromPage);
    const entries = id.tokenLog().slice(before);
    expect(entries).toEqual([
      expect.objectContaining({
        grantType: 'authorization_code',
        clientId: CONNECTOR_APP.clientId,
        redirectUri: SIGNIN,
        redirectType: 'spa',
        pkce: true,
        origin: ORG,
        outcome: 'issued',
      }),
      expect.objectContaining({ grantType: 'authorization_code', origin: ORG, outcome: 54005 }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(c.code);
  });
});
